"use client";

import { useId, useMemo, useState, type ReactNode } from "react";
import { filterByThread, type ThreadFilter } from "@/components/comments/thread-state";
import { ThreadFilterControl } from "@/components/comments/thread-filter-control";
import type { ThreadSummary } from "@/lib/comments/comment-view";
import { AnnotationFilterBar } from "./annotation-filter-bar";
import {
  filterAnnotations,
  filterOptions,
  hasActiveFilters,
  noFilters,
  splitByAnchor,
  updateFilters,
  type AnnotationFilters,
} from "./annotation-filters";
import { AnnotationList } from "./annotation-list";
import { OrphanedAnnotations } from "./orphaned-annotations";
import type { AnnotationItem, EntityTypeItem } from "./types";

type AnnotationPanelProps = {
  annotations: AnnotationItem[];
  entityTypes: EntityTypeItem[];
  selectedId: string | null;
  /** Thread counts and states by annotation id (badges, the thread filter). */
  summaries: ReadonlyMap<string, ThreadSummary>;
  /** Who else has each annotation selected. */
  selectedByOthers: ReadonlyMap<string, { id: string; name: string }[]>;
  /** Shown above the heading (presence, connection state). */
  header?: ReactNode;
  /** The selected annotation's discussion, shown below the list. */
  thread?: ReactNode;
  onSelect(id: string): void;
  canChange(a: AnnotationItem): boolean;
  onDelete(id: string): void;
  onReattach?(id: string): void;
  reattachingId?: string | null;
  /** Whether rejected annotations are listed (and drawn); the Rejected status filter lists them anyway. */
  showRejected?: boolean;
  onShowRejectedChange?(show: boolean): void;
};

/**
 * The article's annotations beside the text, in reading order and filterable
 * by entity type, entity, author and status; the selected one is highlighted
 * and kept in view, its discussion open below the list. Rows show their
 * thread's comment count, and the list can be narrowed to open or resolved
 * threads. Orphaned annotations (their text is gone from the current
 * revision) are listed apart, ready to be re-attached. The list scrolls inside
 * the panel, so give the panel a bounded height.
 */
export function AnnotationPanel({
  annotations,
  entityTypes,
  selectedId,
  summaries,
  selectedByOthers,
  header,
  thread,
  onSelect,
  canChange,
  onDelete,
  onReattach,
  reattachingId = null,
  showRejected = true,
  onShowRejectedChange,
}: AnnotationPanelProps) {
  const headingId = useId();
  const [filters, setFilters] = useState<AnnotationFilters>(noFilters);
  const [threadFilter, setThreadFilter] = useState<ThreadFilter>("all");
  const { placed, orphaned } = useMemo(() => splitByAnchor(annotations), [annotations]);
  const rejected = useMemo(() => placed.filter((a) => a.status === "REJECTED").length, [placed]);
  const shown = useMemo(() => {
    const listed =
      showRejected || filters.status === "REJECTED" ? placed : placed.filter((a) => a.status !== "REJECTED");
    return filterByThread(filterAnnotations(listed, filters), summaries, threadFilter);
  }, [placed, filters, summaries, threadFilter, showRejected]);
  const threadCounts = useMemo(() => {
    let open = 0;
    let resolved = 0;
    for (const a of placed) {
      const s = summaries.get(a.id);
      if (s?.resolved) resolved++;
      else if (s && s.comments > 0) open++;
    }
    return { open, resolved };
  }, [placed, summaries]);
  const options = useMemo(
    () => filterOptions(annotations, entityTypes, filters.typeId),
    [annotations, entityTypes, filters.typeId],
  );
  const filtered = hasActiveFilters(filters) || threadFilter !== "all";

  return (
    <aside className="ann-panel" aria-labelledby={headingId} data-testid="annotation-panel">
      <div className="ann-panel-header">
        {header}
        <h2 id={headingId} className="ann-heading">
          Annotations{" "}
          <span className="ann-count">
            {shown.length}
            <span aria-hidden="true">/</span>
            <span className="visually-hidden"> of </span>
            {placed.length}
          </span>
        </h2>
        {placed.length > 0 ? (
          <ThreadFilterControl value={threadFilter} counts={threadCounts} onChange={setThreadFilter} />
        ) : null}
        {placed.length > 0 ? (
          <AnnotationFilterBar
            filters={filters}
            options={options}
            onChange={(change) => setFilters((f) => updateFilters(f, change, annotations))}
            onClear={() => setFilters(noFilters)}
          />
        ) : null}
        {rejected > 0 && onShowRejectedChange ? (
          <label className="ann-show-rejected">
            <input type="checkbox" checked={showRejected} onChange={(e) => onShowRejectedChange(e.target.checked)} />
            Show rejected ({rejected})
          </label>
        ) : null}
        <p role="status" className="visually-hidden">
          {filtered ? `${shown.length} of ${placed.length} annotations shown.` : ""}
        </p>
      </div>

      {annotations.length === 0 ? (
        <p className="ann-empty">No annotations yet. Select text in the article to highlight it.</p>
      ) : placed.length === 0 ? null : shown.length === 0 ? (
        <p className="ann-empty">
          {filters.anchor === "ORPHANED"
            ? orphaned.length
              ? "Orphaned annotations are listed below."
              : "No orphaned annotations."
            : hasActiveFilters(filters)
              ? "No annotation matches these filters."
              : threadFilter === "open"
                ? "No open discussions."
                : "No resolved discussions."}
        </p>
      ) : (
        <AnnotationList
          rows={shown}
          labelledBy={headingId}
          selectedId={selectedId}
          summaries={summaries}
          selectedByOthers={selectedByOthers}
          onSelect={onSelect}
          canChange={canChange}
          onDelete={onDelete}
        />
      )}

      {thread}

      {orphaned.length > 0 && filters.anchor !== "MOVED" ? (
        <OrphanedAnnotations
          orphaned={orphaned}
          canChange={canChange}
          onDelete={onDelete}
          onReattach={onReattach}
          reattachingId={reattachingId}
        />
      ) : null}
    </aside>
  );
}
