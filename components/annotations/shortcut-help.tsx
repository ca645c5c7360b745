"use client";

import type { EntityTypeItem } from "./types";

type ShortcutHelpProps = { entityTypes: EntityTypeItem[]; onClose(): void };

/** The `?` panel: every reader shortcut. */
export function ShortcutHelp({ entityTypes, onClose }: ShortcutHelpProps) {
  const rows: [string, string][] = [
    ["Shift + arrows", "Extend the selection from the caret (click in the text first, or Tab into it)"],
    ["H", "Highlight the selection"],
    ["T", "Tag the selection with an entity…"],
    ["C", "Comment: highlight the selection and start its discussion (or reply to the selected highlight)"],
    ...entityTypes
      .filter((t) => t.shortcut)
      .map((t): [string, string] => [t.shortcut!.toUpperCase(), `Tag the selection as a new or existing ${t.name}…`]),
    [
      "R",
      "Link the selected highlight to another: click the target or search for it, then press the relation type's key or Enter",
    ],
    ["Delete", "Delete the selected highlight (Undo follows)"],
    ["Escape", "Close popovers and clear the selection"],
    ["?", "Show or hide this help"],
  ];
  return (
    <div className="ann-help card" role="dialog" aria-modal="false" aria-labelledby="ann-help-title">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="ann-help-title">Keyboard shortcuts</h2>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Close
        </button>
      </div>
      <table className="ann-help-table">
        <tbody>
          {rows.map(([key, what]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
