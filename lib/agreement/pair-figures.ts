import type { NoValueReason } from "./common";
import type { AgreementReport } from "./report";
import { prf, type PrfCounts } from "./spans";

/**
 * The pairs' figures of one scope (every label, or one) in columns: what the
 * agreement page's matrices show, without an object per pair. n × n cells in
 * row-major order (row i is the reference, column j the analyst compared);
 * the diagonal holds zeros and nulls. Span precision, recall and F1 are not
 * sent: {@link pairSpanFigures} recomputes them from the counts with the same
 * `prf`, so every figure is exactly the report's.
 */
export interface PairFigures {
  n: number;
  exact: SpanCounts;
  overlap: SpanCounts;
  kappa: {
    value: (number | null)[];
    reason: (NoValueReason | null)[];
    observedAgreement: (number | null)[];
    units: number[];
  };
}

export interface SpanCounts {
  matched: number[];
  onlyA: number[];
  onlyB: number[];
}

function scopedRow<T extends object>(
  cell: { overall: T; byLabel: readonly (T & { label: string })[] },
  scope: string | null,
): T | null {
  return scope === null ? cell.overall : (cell.byLabel.find((l) => l.label === scope) ?? null);
}

/**
 * The figures of `scope` (null: every label) between every pair of the
 * report's annotators. A pair without a row for `scope` (a report computed
 * without that label's pair figures) throws: nothing is filled in.
 */
export function pairFigures(report: AgreementReport, scope: string | null): PairFigures {
  const n = report.annotators.length;
  const spans = (mode: "exact" | "overlap"): SpanCounts => {
    const out: SpanCounts = { matched: [], onlyA: [], onlyB: [] };
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const cell = report.spans[mode].cells[i][j];
        const row = cell ? scopedRow(cell, scope) : null;
        if (cell && !row) throw new Error(`The report has no pair figures for ${scope}.`);
        out.matched.push(row?.matched ?? 0);
        out.onlyA.push(row?.onlyA ?? 0);
        out.onlyB.push(row?.onlyB ?? 0);
      }
    }
    return out;
  };
  const kappa: PairFigures["kappa"] = { value: [], reason: [], observedAgreement: [], units: [] };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const cell = report.tokenPairs.cells[i][j];
      const k = cell ? scopedRow(cell, scope) : null;
      if (cell && !k) throw new Error(`The report has no pair figures for ${scope}.`);
      kappa.value.push(k?.value ?? null);
      kappa.reason.push(k?.reason ?? null);
      kappa.observedAgreement.push(k?.observedAgreement ?? null);
      kappa.units.push(k?.units ?? 0);
    }
  }
  return { n, exact: spans("exact"), overlap: spans("overlap"), kappa };
}

/** Precision, recall and F1 of the pair (i, j), as `spanAgreement` computes them. */
export function pairSpanFigures(counts: SpanCounts, n: number, i: number, j: number): PrfCounts {
  const k = i * n + j;
  return prf(counts.matched[k], counts.onlyA[k], counts.onlyB[k]);
}
