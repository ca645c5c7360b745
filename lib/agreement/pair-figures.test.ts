import { describe, expect, it } from "vitest";
import { pairFigures, pairSpanFigures } from "./pair-figures";
import { agreementReport } from "./report";

/** Five analysts on a short text, labels differing and spans overlapping, some analysts with no span of a label. */
const text = "Angela Merkel visited New York City today with Olaf Scholz and Emmanuel Macron in Paris";
const span = (start: number, end: number, label: string) => ({ start, end, label });
const annotators = [
  { annotator: "a", spans: [span(0, 13, "PER"), span(22, 35, "LOC"), span(47, 58, "PER")] },
  { annotator: "b", spans: [span(0, 13, "PER"), span(26, 35, "LOC"), span(63, 78, "PER")] },
  { annotator: "c", spans: [span(7, 13, "PER"), span(22, 35, "ORG"), span(82, 87, "LOC")] },
  { annotator: "d", spans: [] },
  { annotator: "e", spans: [span(0, 13, "LOC"), span(47, 58, "PER"), span(63, 78, "PER"), span(82, 87, "LOC")] },
];

describe("pairFigures", () => {
  const report = agreementReport(text, annotators);
  const n = annotators.length;

  it("holds every pair's figures of the report exactly, overall and per label, spans recomputed from their counts", () => {
    for (const scope of [null, "PER", "LOC", "ORG"]) {
      const figures = pairFigures(report, scope);
      expect(figures.n).toBe(n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (i === j) continue;
          for (const mode of ["exact", "overlap"] as const) {
            const cell = report.spans[mode].cells[i][j]!;
            const expected = scope === null ? cell.overall : cell.byLabel.find((l) => l.label === scope)!;
            const { label: _label, ...counts } = { label: "", ...expected };
            expect(pairSpanFigures(figures[mode], n, i, j)).toStrictEqual(counts);
          }
          const pair = report.tokenPairs.cells[i][j]!;
          const k = scope === null ? pair.overall : pair.byLabel.find((l) => l.label === scope)!;
          expect(figures.kappa.value[i * n + j]).toBe(k.value);
          expect(figures.kappa.reason[i * n + j]).toBe(k.reason);
          expect(figures.kappa.observedAgreement[i * n + j]).toBe(k.observedAgreement);
          expect(figures.kappa.units[i * n + j]).toBe(k.units);
        }
      }
    }
    // Undefined figures stay undefined, with their reason: analyst d made no span.
    const d = pairFigures(report, null);
    expect(pairSpanFigures(d.exact, n, 0, 3)).toMatchObject({ precision: null, f1: 0 });
    expect(pairSpanFigures(d.exact, n, 3, 3)).toMatchObject({ matched: 0, f1: null });
  });

  it("refuses a scope the report has no pair rows for, rather than filling in zeros", () => {
    const overallOnly = agreementReport(text, annotators, { pairLabels: [] });
    expect(() => pairFigures(overallOnly, "PER")).toThrow(/no pair figures for PER/);
    expect(pairFigures(overallOnly, null).n).toBe(n);
  });

  it("is a fraction of the report's JSON for many analysts", () => {
    const many = Array.from({ length: 30 }, (_, x) => ({
      annotator: `x${x}`,
      spans: annotators[x % annotators.length].spans,
    }));
    const big = agreementReport(text, many, { pairLabels: [] });
    const size = (value: unknown) => JSON.stringify(value).length;
    expect(size(pairFigures(big, null))).toBeLessThan(size(big.spans) / 4);
  });
});
