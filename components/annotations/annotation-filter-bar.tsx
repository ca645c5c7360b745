"use client";

import { useId, useRef, type Ref } from "react";
import {
  anchorLabels,
  hasActiveFilters,
  statusLabels,
  type AnnotationFilters,
  type AnnotationStatus,
  type FilterOption,
} from "./annotation-filters";

type AnnotationFilterBarProps = {
  filters: AnnotationFilters;
  options: { types: FilterOption[]; entities: FilterOption[]; authors: FilterOption[] };
  onChange(change: Partial<AnnotationFilters>): void;
  onClear(): void;
};

const statusOptions = (Object.keys(statusLabels) as AnnotationStatus[]).map((s) => ({
  value: s,
  label: statusLabels[s],
}));

const anchorOptions = (Object.keys(anchorLabels) as (keyof typeof anchorLabels)[]).map((s) => ({
  value: s,
  label: anchorLabels[s],
}));

type FilterSelectProps = {
  label: string;
  anyLabel: string;
  value: string;
  options: FilterOption[];
  onChange(value: string): void;
  selectRef?: Ref<HTMLSelectElement>;
};

function FilterSelect({ label, anyLabel, value, options, onChange, selectRef }: FilterSelectProps) {
  const id = useId();
  return (
    <div className="ann-filter">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select
        id={id}
        ref={selectRef}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-active={value !== "" || undefined}
        disabled={options.length === 0}
      >
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The compact row of filters above the annotation list, each select labelled for screen readers. */
export function AnnotationFilterBar({ filters, options, onChange, onClear }: AnnotationFilterBarProps) {
  const first = useRef<HTMLSelectElement>(null);
  return (
    <div role="group" aria-label="Filter annotations" className="ann-filters">
      <FilterSelect
        label="Entity type"
        anyLabel="All types"
        value={filters.typeId}
        options={options.types}
        selectRef={first}
        onChange={(typeId) => onChange({ typeId })}
      />
      <FilterSelect
        label="Entity"
        anyLabel="All entities"
        value={filters.entityId}
        options={options.entities}
        onChange={(entityId) => onChange({ entityId })}
      />
      <FilterSelect
        label="Author"
        anyLabel="All authors"
        value={filters.authorId}
        options={options.authors}
        onChange={(authorId) => onChange({ authorId })}
      />
      <FilterSelect
        label="Status"
        anyLabel="Any status"
        value={filters.status}
        options={statusOptions}
        onChange={(status) => onChange({ status: status as AnnotationFilters["status"] })}
      />
      <FilterSelect
        label="Placement"
        anyLabel="Any placement"
        value={filters.anchor}
        options={anchorOptions}
        onChange={(anchor) => onChange({ anchor: anchor as AnnotationFilters["anchor"] })}
      />
      <button
        type="button"
        className="link-button ann-clear"
        onClick={() => {
          onClear();
          // The button is disabled once nothing is filtered; keep focus in the filters.
          first.current?.focus();
        }}
        disabled={!hasActiveFilters(filters)}
      >
        Clear filters
      </button>
    </div>
  );
}
