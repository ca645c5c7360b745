"use client";

import { useEffect, useId, useState, type ReactNode } from "react";

type SidePanelSheetProps = {
  /** How many annotations the panel lists (shown on the toggle). */
  count: number;
  /** The selected annotation: selecting one (e.g. tapping a highlight) opens the sheet. */
  selectedId: string | null;
  children: ReactNode;
};

/**
 * The reader's side panel (annotations, suggestions, the discussion). On wide
 * screens it sits beside the text; on small ones it is a bottom sheet behind
 * an "Annotations" button, so the article comes first (annotations.css).
 */
export function SidePanelSheet({ count, selectedId, children }: SidePanelSheetProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [shownFor, setShownFor] = useState(selectedId);
  if (shownFor !== selectedId) {
    setShownFor(selectedId);
    if (selectedId) setOpen(true);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && window.matchMedia("(max-width: 760px)").matches) setOpen(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <button
        type="button"
        className="button ann-sheet-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(true)}
      >
        Annotations <span className="ann-sheet-count">{count}</span>
      </button>
      <div id={id} className="ann-side" data-open={open || undefined}>
        <button
          type="button"
          className="ann-sheet-close"
          aria-label="Close the annotations"
          onClick={() => setOpen(false)}
        >
          <span aria-hidden="true">×</span> Close
        </button>
        {children}
      </div>
    </>
  );
}
