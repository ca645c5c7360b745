"use client";

import { useState } from "react";
import type { TextRange } from "@/lib/suggestions/find-mentions";
import type { EntityItem } from "./types";

type TagAllDialogProps = {
  entity: EntityItem;
  text: string;
  matches: TextRange[];
  onConfirm(ranges: TextRange[]): void;
  onClose(): void;
};

const CONTEXT = 40;

/** Previews the other mentions of an entity in this article and tags the chosen ones in one action. */
export function TagAllDialog({ entity, text, matches, onConfirm, onClose }: TagAllDialogProps) {
  const [chosen, setChosen] = useState(() => new Set(matches.map((_, i) => i)));
  const toggle = (i: number) =>
    setChosen((set) => {
      const next = new Set(set);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  return (
    <div className="ann-dialog card" role="dialog" aria-modal="false" aria-labelledby="tag-all-title">
      <h2 id="tag-all-title">Tag all occurrences of {entity.name}</h2>
      {matches.length ? (
        <>
          <p className="muted small">
            {matches.length} other {matches.length === 1 ? "mention" : "mentions"} of “{entity.name}”
            {entity.aliases.length ? ` or its aliases (${entity.aliases.join(", ")})` : ""} in this article.
          </p>
          <ul className="ann-tag-all-list">
            {matches.map((m, i) => (
              <li key={`${m.start}-${m.end}`}>
                <label>
                  <input type="checkbox" checked={chosen.has(i)} onChange={() => toggle(i)} />
                  <span className="ann-context">
                    …{text.slice(Math.max(0, m.start - CONTEXT), m.start)}
                    <mark>{text.slice(m.start, m.end)}</mark>
                    {text.slice(m.end, m.end + CONTEXT)}…
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <div className="row">
            <button
              type="button"
              className="button"
              disabled={!chosen.size}
              onClick={() => onConfirm(matches.filter((_, i) => chosen.has(i)))}
            >
              Tag {chosen.size} {chosen.size === 1 ? "mention" : "mentions"}
            </button>
            <button type="button" className="button button-secondary" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <div className="row">
          <p className="muted">No other untagged mentions of {entity.name} in this article.</p>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
