"use client";

import { useEffect, useId, useRef } from "react";
import { quoteContext, shortQuote } from "./annotation-filters";
import { EntityChip, Quote, StatusBadge } from "./annotation-meta";
import { DeleteIcon } from "./delete-icon";
import type { AnnotationItem } from "./types";

type OrphanedAnnotationsProps = {
  orphaned: AnnotationItem[];
  canChange(a: AnnotationItem): boolean;
  onDelete(id: string): void;
  onReattach?(id: string): void;
  reattachingId?: string | null;
};

/**
 * Annotations whose text could not be found in the current revision, with the
 * words that surrounded them, so someone can re-attach them to the right text.
 */
export function OrphanedAnnotations({
  orphaned,
  canChange,
  onDelete,
  onReattach,
  reattachingId,
}: OrphanedAnnotationsProps) {
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const previous = useRef(reattachingId);
  // Cancelling swaps the Cancel button back for "Re-attach": keep keyboard focus on that row.
  useEffect(() => {
    const prev = previous.current;
    previous.current = reattachingId;
    if (!prev || prev === reattachingId || (document.activeElement && document.activeElement !== document.body)) return;
    sectionRef.current?.querySelector<HTMLButtonElement>(`[data-reattach="${CSS.escape(prev)}"]`)?.focus();
  }, [reattachingId]);
  return (
    <section ref={sectionRef} className="ann-orphaned" aria-labelledby={headingId}>
      <h3 id={headingId} className="ann-heading">
        Orphaned <span className="ann-count">{orphaned.length}</span>
      </h3>
      <p className="ann-hint">
        These quotes were not found in the article’s text: it changed, or they were imported from another copy.
      </p>
      <ul className="ann-orphan-list">
        {orphaned.map((a) => {
          const { before, after } = quoteContext(a);
          const changeable = canChange(a);
          const reattaching = reattachingId === a.id;
          return (
            <li
              key={a.id}
              className="ann-orphan"
              data-annotation-row={a.id}
              data-reattaching={reattaching || undefined}
            >
              <Quote text={a.exact} />
              {before || after ? (
                <p className="ann-context">
                  <span className="visually-hidden">In context: </span>
                  {before}
                  <mark>{a.exact}</mark>
                  {after}
                </p>
              ) : null}
              <span className="ann-row-meta">
                <EntityChip entity={a.entity} />
                <span className="ann-author">{a.author.name}</span>
                <StatusBadge status={a.status} />
              </span>
              {changeable ? (
                <div className="ann-orphan-actions">
                  {onReattach && reattaching ? (
                    <>
                      <span id={`${headingId}-${a.id}`} className="ann-reattach-hint">
                        Select the new text in the article…
                      </span>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-describedby={`${headingId}-${a.id}`}
                        // Replaces the focused "Re-attach" button, so it takes the focus.
                        autoFocus
                        onClick={() => onReattach(a.id)}
                      >
                        Cancel
                      </button>
                    </>
                  ) : onReattach ? (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={`Re-attach “${shortQuote(a.exact)}”`}
                      data-reattach={a.id}
                      onClick={() => onReattach(a.id)}
                    >
                      Re-attach
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="ann-delete ann-delete-inline"
                    aria-label={`Delete annotation “${shortQuote(a.exact)}”`}
                    title="Delete annotation"
                    onClick={() => onDelete(a.id)}
                  >
                    <DeleteIcon />
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
