"use client";

type SelectionToolbarProps = {
  /** Viewport rectangle of the selection's end, where the toolbar floats. */
  rect: { left: number; top: number; bottom: number };
  onHighlight(): void;
  onTag(): void;
  /** Highlights the selection and opens its thread to write the first comment. */
  onComment(): void;
};

/** The small toolbar at a text selection: Highlight, Tag entity… and Comment, with their shortcuts. */
export function SelectionToolbar({ rect, onHighlight, onTag, onComment }: SelectionToolbarProps) {
  return (
    <div
      className="ann-toolbar"
      role="toolbar"
      aria-label="Annotate selection"
      style={{ left: Math.max(8, rect.left), top: rect.bottom + 8 }}
      // Keep the text selection: a mousedown on the toolbar must not collapse it.
      onMouseDown={(e) => e.preventDefault()}
    >
      <button type="button" onClick={onHighlight} title="Highlight (H)" aria-keyshortcuts="h">
        Highlight <kbd>H</kbd>
      </button>
      <button type="button" onClick={onTag} title="Tag entity (T)" aria-keyshortcuts="t">
        Tag entity… <kbd>T</kbd>
      </button>
      <button type="button" onClick={onComment} title="Comment (C)" aria-keyshortcuts="c">
        Comment <kbd>C</kbd>
      </button>
    </div>
  );
}
