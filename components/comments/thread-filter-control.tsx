"use client";

import { threadFilterLabels, type ThreadFilter } from "./thread-state";

type ThreadFilterControlProps = {
  value: ThreadFilter;
  counts: { open: number; resolved: number };
  onChange(value: ThreadFilter): void;
};

/** All / Open threads / Resolved: which annotations the panel lists, by the state of their discussion. */
export function ThreadFilterControl({ value, counts, onChange }: ThreadFilterControlProps) {
  const options: { value: ThreadFilter; count?: number }[] = [
    { value: "all" },
    { value: "open", count: counts.open },
    { value: "resolved", count: counts.resolved },
  ];
  return (
    <div className="segmented thread-filter" role="group" aria-label="Show annotations">
      {options.map((o) => (
        <button key={o.value} type="button" aria-pressed={value === o.value} onClick={() => onChange(o.value)}>
          {threadFilterLabels[o.value]}
          {o.count !== undefined ? <span className="thread-filter-count">{o.count}</span> : null}
        </button>
      ))}
    </div>
  );
}
