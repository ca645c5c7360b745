/**
 * Everything the agreement view shows for one text, computed by the functions
 * of this folder, and its export as CSV: span-level precision/recall/F1
 * between every pair (exact and overlap), token-level Cohen's kappa between
 * every pair, and Fleiss' kappa and Krippendorff's alpha over all
 * annotators, each overall and per label.
 */
import type { CohenKappaResult } from "./cohen";
import type { AnnotatorSpans } from "./common";
import { toCsv, type CsvCell, type CsvOptions } from "./csv";
import type { FleissKappaResult } from "./fleiss";
import type { AlphaResult } from "./krippendorff";
import { pairwiseSpanAgreement, type PrfCounts, type SpanAgreementMatrix } from "./spans";
import {
  labelGrid,
  pairwiseTokenKappa,
  tokenAgreement,
  type TokenAgreement,
  type TokenAgreementOptions,
  type TokenKappaMatrix,
} from "./tokens";

export interface AgreementReport {
  annotators: string[];
  /** Each annotator's spans (in `annotators` order), overall and per label. */
  spanCounts: { overall: number; byLabel: Record<string, number> }[];
  spans: { exact: SpanAgreementMatrix; overlap: SpanAgreementMatrix };
  tokens: TokenAgreement;
  tokenPairs: TokenKappaMatrix;
}

/** All agreement figures for several annotators' spans on one canonical text. */
export function agreementReport(
  text: string,
  annotators: readonly AnnotatorSpans[],
  options: TokenAgreementOptions = {},
): AgreementReport {
  const labels = options.labels;
  // Per-label rows of the pairs only for `pairLabels`; each pair's overall still counts every label.
  const rowLabels = options.pairLabels;
  // The token labels once for both token measures.
  const grid = labelGrid(text, annotators, options);
  return {
    annotators: annotators.map((x) => x.annotator),
    spanCounts: annotators.map((x) => {
      const byLabel: Record<string, number> = {};
      for (const span of x.spans) byLabel[span.label] = (byLabel[span.label] ?? 0) + 1;
      return { overall: x.spans.length, byLabel };
    }),
    spans: {
      exact: pairwiseSpanAgreement(annotators, { mode: "exact", labels, rowLabels }),
      overlap: pairwiseSpanAgreement(annotators, { mode: "overlap", labels, rowLabels }),
    },
    tokens: tokenAgreement(text, annotators, options, grid),
    tokenPairs: pairwiseTokenKappa(text, annotators, options, grid),
  };
}

/** The columns of `agreementReportToCsv`. */
export const REPORT_CSV_HEADER = [
  "level",
  "measure",
  "scope",
  "label",
  "annotator_a",
  "annotator_b",
  "value",
  "units",
  "matched",
  "only_a",
  "only_b",
  "precision",
  "recall",
  "f1",
  "observed_agreement",
  "expected_agreement",
  "observed_disagreement",
  "expected_disagreement",
  "reason",
] as const;

type Row = Record<(typeof REPORT_CSV_HEADER)[number], CsvCell>;

function blank(): Row {
  return Object.fromEntries(REPORT_CSV_HEADER.map((h) => [h, null])) as Row;
}

function spanRow(measure: string, label: string | null, a: string, b: string, p: PrfCounts): Row {
  return {
    ...blank(),
    level: "span",
    measure,
    scope: label === null ? "overall" : "label",
    label,
    annotator_a: a,
    annotator_b: b,
    value: p.f1,
    units: p.matched + p.onlyA + p.onlyB,
    matched: p.matched,
    only_a: p.onlyA,
    only_b: p.onlyB,
    precision: p.precision,
    recall: p.recall,
    f1: p.f1,
  };
}

function kappaRow(
  measure: string,
  label: string | null,
  a: string | null,
  b: string | null,
  k: CohenKappaResult | FleissKappaResult,
): Row {
  return {
    ...blank(),
    level: "token",
    measure,
    scope: label === null ? "overall" : "label",
    label,
    annotator_a: a,
    annotator_b: b,
    value: k.value,
    units: k.units,
    observed_agreement: k.observedAgreement,
    expected_agreement: k.expectedAgreement,
    reason: k.reason,
  };
}

function alphaRow(label: string | null, k: AlphaResult): Row {
  return {
    ...blank(),
    level: "token",
    measure: "krippendorff_alpha",
    scope: label === null ? "overall" : "label",
    label,
    value: k.value,
    units: k.units,
    observed_disagreement: k.observedDisagreement,
    expected_disagreement: k.expectedDisagreement,
    reason: k.reason,
  };
}

/**
 * The report as CSV, one figure per record (columns: `REPORT_CSV_HEADER`).
 * Span rows: one per unordered pair (B against A, A listed first), mode,
 * and label or overall; `value` is F1 and `units` is |A| + |B| − matched.
 * Token rows: Cohen per pair, Fleiss and alpha over everyone; `units` is the
 * number of tokens (alpha: pairable tokens). Empty fields are undefined figures, with `reason`.
 */
export function agreementReportToCsv(report: AgreementReport, options: CsvOptions = {}): string {
  const rows: Row[] = [];
  const ids = report.annotators;
  for (const mode of ["exact", "overlap"] as const) {
    const m = report.spans[mode];
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const cell = m.cells[i][j]!;
        rows.push(spanRow(`f1_${mode}`, null, ids[i], ids[j], cell.overall));
        for (const l of cell.byLabel) rows.push(spanRow(`f1_${mode}`, l.label, ids[i], ids[j], l));
      }
    }
  }
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const cell = report.tokenPairs.cells[i][j]!;
      rows.push(kappaRow("cohen_kappa", null, ids[i], ids[j], cell.overall));
      for (const l of cell.byLabel) rows.push(kappaRow("cohen_kappa", l.label, ids[i], ids[j], l));
    }
  }
  const t = report.tokens;
  rows.push(kappaRow("fleiss_kappa", null, null, null, t.overall.fleiss));
  for (const l of t.byLabel) rows.push(kappaRow("fleiss_kappa", l.label, null, null, l.fleiss));
  rows.push(alphaRow(null, t.overall.alpha));
  for (const l of t.byLabel) rows.push(alphaRow(l.label, l.alpha));
  return toCsv(
    REPORT_CSV_HEADER,
    rows.map((r) => REPORT_CSV_HEADER.map((h) => r[h])),
    options,
  );
}
