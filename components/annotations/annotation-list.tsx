"use client";

import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { describeThread } from "@/components/comments/thread-state";
import type { ThreadSummary } from "@/lib/comments/comment-view";
import { describeAnnotation, shortQuote } from "./annotation-filters";
import { EntityChip, MovedMarker, Quote, StatusBadge } from "./annotation-meta";
import { Avatar } from "@/components/ui/avatar";
import { CommentIcon } from "@/components/comments/comment-icon";
import { DeleteIcon } from "./delete-icon";
import { entityColor, type AnnotationItem } from "./types";

type AnnotationListProps = {
  rows: AnnotationItem[];
  /** The id of the heading that names the listbox. */
  labelledBy: string;
  selectedId: string | null;
  summaries: ReadonlyMap<string, ThreadSummary>;
  selectedByOthers: ReadonlyMap<string, { id: string; name: string }[]>;
  onSelect(id: string): void;
  canChange(a: AnnotationItem): boolean;
  onDelete(id: string): void;
};

const keyMoves: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (i, last) => Math.min(i + 1, last),
  ArrowUp: (i) => Math.max(i - 1, 0),
  Home: () => 0,
  End: (_i, last) => last,
  PageDown: (i, last) => Math.min(i + 10, last),
  PageUp: (i) => Math.max(i - 10, 0),
};

/**
 * The annotations as a virtualized single-select listbox. Focus stays on the
 * listbox (aria-activedescendant); arrows, Home/End and PageUp/PageDown move the
 * active row, Enter or Space selects it. Delete buttons sit beside the listbox,
 * not inside options (whose content is presentational), aligned to their rows;
 * only the active row's button is in the tab order.
 */
export function AnnotationList({
  rows,
  labelledBy,
  selectedId,
  summaries,
  selectedByOthers,
  onSelect,
  canChange,
  onDelete,
}: AnnotationListProps) {
  const idPrefix = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState(selectedId);
  const [shownSelection, setShownSelection] = useState(selectedId);
  if (selectedId !== shownSelection) {
    setShownSelection(selectedId);
    if (selectedId) setActiveId(selectedId);
  }

  const selectedIndex = rows.findIndex((a) => a.id === selectedId);
  const found = rows.findIndex((a) => a.id === activeId);
  const activeIndex = found >= 0 ? found : Math.max(selectedIndex, 0);
  const active = rows[activeIndex];

  // The active row is always rendered, so aria-activedescendant never points at nothing.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      return indexes.includes(activeIndex) ? indexes : [...indexes, activeIndex].sort((a, b) => a - b);
    },
    [activeIndex],
  );
  // This app does not run the React Compiler; the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 92,
    overscan: 6,
    getItemKey: (index) => rows[index].id,
    rangeExtractor,
    // React 19 warns when the virtualizer flushes synchronously from its mount effect.
    useFlushSync: false,
  });

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if ((event.key === "Enter" || event.key === " ") && active) {
      event.preventDefault();
      onSelect(active.id);
      return;
    }
    const move = keyMoves[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const next = move(activeIndex, rows.length - 1);
    setActiveId(rows[next].id);
    virtualizer.scrollToIndex(next, { align: "auto" });
  }

  const items = virtualizer.getVirtualItems();
  const optionId = (id: string) => `${idPrefix}-${id}`;
  return (
    <div ref={scrollRef} className="ann-scroll">
      <div className="ann-sizer" style={{ height: virtualizer.getTotalSize() }}>
        <div
          role="listbox"
          aria-labelledby={labelledBy}
          tabIndex={0}
          aria-activedescendant={active ? optionId(active.id) : undefined}
          className="ann-listbox"
          onKeyDown={onKeyDown}
        >
          {items.map((item) => {
            const a = rows[item.index];
            const thread = summaries.get(a.id);
            const others = selectedByOthers.get(a.id);
            const label = [
              describeAnnotation(a),
              describeThread(thread),
              others ? `selected by ${others.map((p) => p.name).join(", ")}` : "",
            ]
              .filter(Boolean)
              .join(", ");
            return (
              <div
                key={item.key}
                id={optionId(a.id)}
                role="option"
                aria-selected={a.id === selectedId}
                aria-setsize={rows.length}
                aria-posinset={item.index + 1}
                aria-label={label}
                data-annotation-row={a.id}
                data-selected-by-others={others ? true : undefined}
                data-active={item.index === activeIndex || undefined}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={`ann-row${canChange(a) ? " ann-row-deletable" : ""}`}
                style={{
                  transform: `translateY(${item.start}px)`,
                  borderLeftColor: entityColor(a.entity),
                }}
                onClick={() => {
                  setActiveId(a.id);
                  onSelect(a.id);
                }}
              >
                <Quote text={a.exact} />
                <span className="ann-row-meta">
                  <EntityChip entity={a.entity} />
                  <span className="ann-author">{a.author.name}</span>
                  <StatusBadge status={a.status} />
                  {a.anchorState === "MOVED" ? <MovedMarker /> : null}
                  {thread && thread.comments > 0 ? (
                    <span
                      className="badge thread-badge"
                      data-resolved={thread.resolved || undefined}
                      title={describeThread(thread)}
                    >
                      <CommentIcon />
                      {thread.comments}
                      {thread.resolved ? " ✓" : ""}
                    </span>
                  ) : null}
                  {others ? (
                    <span className="row-presence" title={`Selected by ${others.map((p) => p.name).join(", ")}`}>
                      {others.slice(0, 3).map((p) => (
                        <Avatar key={p.id} person={p} size="small" decorative />
                      ))}
                    </span>
                  ) : null}
                </span>
              </div>
            );
          })}
        </div>
        {items.map((item) => {
          const a = rows[item.index];
          if (!canChange(a)) return null;
          return (
            <button
              key={item.key}
              type="button"
              className="ann-delete"
              style={{ transform: `translateY(${item.start}px)` }}
              tabIndex={item.index === activeIndex ? 0 : -1}
              aria-label={`Delete annotation “${shortQuote(a.exact)}”`}
              title="Delete annotation"
              onClick={() => onDelete(a.id)}
            >
              <DeleteIcon />
            </button>
          );
        })}
      </div>
    </div>
  );
}
