"use client";

import { useId, useMemo, useState } from "react";
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
  onSelect(id: string): void;
  canChange(a: AnnotationItem): boolean;
  onDelete(id: string): void;
  onReattach?(id: string): void;
  reattachingId?: string | null;
};

/**
 * The article's annotations beside the text, in reading order and filterable
 * by entity type, entity, author and status; the selected one is highlighted
 * and kept in view. Orphaned annotations (their text is gone from the current
 * revision) are listed apart, ready to be re-attached. The list scrolls inside
 * the panel, so give the panel a bounded height.
 */
export function AnnotationPanel({
  annotations,
  entityTypes,
  selectedId,
  onSelect,
  canChange,
  onDelete,
  onReattach,
  reattachingId = null,
}: AnnotationPanelProps) {
  const headingId = useId();
  const [filters, setFilters] = useState<AnnotationFilters>(noFilters);
  const { placed, orphaned } = useMemo(() => splitByAnchor(annotations), [annotations]);
  const shown = useMemo(() => filterAnnotations(placed, filters), [placed, filters]);
  const options = useMemo(
    () => filterOptions(annotations, entityTypes, filters.typeId),
    [annotations, entityTypes, filters.typeId],
  );
  const filtered = hasActiveFilters(filters);

  return (
    <aside className="ann-panel" aria-labelledby={headingId} data-testid="annotation-panel">
      <div className="ann-panel-header">
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
          <AnnotationFilterBar
            filters={filters}
            options={options}
            onChange={(change) => setFilters((f) => updateFilters(f, change, annotations))}
            onClear={() => setFilters(noFilters)}
          />
        ) : null}
        <p role="status" className="visually-hidden">
          {filtered ? `${shown.length} of ${placed.length} annotations shown.` : ""}
        </p>
      </div>

      {annotations.length === 0 ? (
        <p className="ann-empty">No annotations yet. Select text in the article to highlight it.</p>
      ) : placed.length === 0 ? null : shown.length === 0 ? (
        <p className="ann-empty">No annotation matches these filters.</p>
      ) : (
        <AnnotationList
          rows={shown}
          labelledBy={headingId}
          selectedId={selectedId}
          onSelect={onSelect}
          canChange={canChange}
          onDelete={onDelete}
        />
      )}

      {orphaned.length > 0 ? (
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
