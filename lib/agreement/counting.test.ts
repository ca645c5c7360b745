import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohenKappa } from "./cohen";
import { compareCodeUnits, type AnnotatorSpans } from "./common";
import { fleissKappaFromRatings } from "./fleiss";
import { krippendorffAlpha } from "./krippendorff";
import { pairwiseSpanAgreement, spanAgreement } from "./spans";
import { pairwiseTokenKappa, tokenAgreement, tokenize, tokenLabels, type TokenAgreementOptions } from "./tokens";

// The figures as first written: string labels, one comparison per label and
// per ordered pair. Counting integers must give exactly these.
function referenceGrid(text: string, annotators: readonly AnnotatorSpans[], options: TokenAgreementOptions) {
  const outside = options.outside ?? "O";
  const tokens = tokenize(text);
  let grid = annotators.map((x) => tokenLabels(tokens, x.spans, outside));
  if (options.units === "annotated") {
    const keep = tokens.map((_, t) => grid.some((row) => row[t] !== outside));
    grid = grid.map((row) => row.filter((_, t) => keep[t]));
  }
  const labels = [
    ...new Set([...annotators.flatMap((x) => x.spans.map((s) => s.label)), ...(options.labels ?? [])]),
  ].sort(compareCodeUnits);
  return { grid, labels, outside, tokens: tokens.length };
}

function coefficients(grid: string[][]) {
  const units = grid.length === 0 ? 0 : grid[0].length;
  const ratings: string[][] = [];
  for (let u = 0; u < units; u++) ratings.push(grid.map((row) => row[u]));
  return {
    cohen: grid.length === 2 ? cohenKappa(grid[0], grid[1]) : null,
    fleiss: fleissKappaFromRatings(ratings),
    alpha: krippendorffAlpha(grid),
  };
}

const oneVsRest = (grid: string[][], label: string, outside: string) =>
  grid.map((row) => row.map((l) => (l === label ? label : outside)));

const LABELS = ["PER", "ORG", "LOC", "Zeta", "événement"];
const WORDS = ["Kabul", "Massoud", "the", "front", "سلام", "北京", "e\u0301te\u0301"];

const input = fc
  .record({
    words: fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 40 }),
    annotators: fc.array(
      fc.array(fc.record({ a: fc.nat(), b: fc.nat(), label: fc.constantFrom(...LABELS) }), { maxLength: 8 }),
      { maxLength: 5 },
    ),
    units: fc.constantFrom("all" as const, "annotated" as const),
    extra: fc.subarray(["Unused", "PER"]),
    pairLabels: fc.option(fc.subarray(LABELS), { nil: undefined }),
  })
  .map(({ words, annotators, units, extra, pairLabels }) => {
    const text = words.join(" ");
    return {
      text,
      annotators: annotators.map((spans, i) => ({
        annotator: `a${i}`,
        spans: spans.map(({ a, b, label }) => {
          const [start, end] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
          return { start, end, label };
        }),
      })),
      options: { units, labels: extra, pairLabels } as TokenAgreementOptions,
    };
  });

describe("token agreement by counting", () => {
  it("gives exactly the figures of comparing string labels one by one (property)", () => {
    fc.assert(
      fc.property(input, ({ text, annotators, options }) => {
        const { grid, labels, outside, tokens } = referenceGrid(text, annotators, options);
        expect(tokenAgreement(text, annotators, options)).toEqual({
          annotators: annotators.map((x) => x.annotator),
          tokens,
          units: grid.length === 0 ? 0 : grid[0].length,
          outside,
          overall: coefficients(grid),
          byLabel: labels.map((label) => ({ label, ...coefficients(oneVsRest(grid, label, outside)) })),
        });

        const pairLabels = options.pairLabels ? labels.filter((l) => options.pairLabels!.includes(l)) : labels;
        const cells = grid.map((a, i) =>
          grid.map((b, j) =>
            i === j
              ? null
              : {
                  overall: cohenKappa(a, b),
                  byLabel: pairLabels.map((label) => {
                    const [x, y] = oneVsRest([a, b], label, outside);
                    return { label, ...cohenKappa(x, y) };
                  }),
                },
          ),
        );
        // A bounded view (pairLabels) leaves out the pairs' overall tables, which it never shows.
        const shown = options.pairLabels
          ? cells.map((row) =>
              row.map((cell) => cell && { ...cell, overall: { ...cell.overall, categories: [], table: [] } }),
            )
          : cells;
        expect(pairwiseTokenKappa(text, annotators, options)).toEqual({
          annotators: annotators.map((x) => x.annotator),
          cells: shown,
        });
      }),
      { numRuns: 400 },
    );
  });
});

describe("pairwise span agreement counted once per pair", () => {
  it("gives exactly spanAgreement of every ordered pair, rows limited to the labels asked for (property)", () => {
    fc.assert(
      fc.property(input, fc.constantFrom("exact" as const, "overlap" as const), ({ annotators, options }, mode) => {
        const labels = [
          ...new Set([...annotators.flatMap((x) => x.spans.map((s) => s.label)), ...(options.labels ?? [])]),
        ];
        const expected = annotators.map((x, i) =>
          annotators.map((y, j) => {
            if (i === j) return null;
            const cell = spanAgreement(x.spans, y.spans, { mode, labels });
            const rows = options.pairLabels;
            return rows ? { ...cell, byLabel: cell.byLabel.filter((l) => rows.includes(l.label)) } : cell;
          }),
        );
        expect(
          pairwiseSpanAgreement(annotators, { mode, labels: options.labels, rowLabels: options.pairLabels }).cells,
        ).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});
