import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Span } from "./common";
import { pairwiseSpanAgreement, prf, spanAgreement } from "./spans";

const s = (start: number, end: number, label: string): Span => ({ start, end, label });

describe("span agreement", () => {
  const A = [s(0, 5, "PER"), s(10, 20, "LOC"), s(30, 35, "ORG"), s(40, 45, "PER")];
  const B = [s(0, 5, "PER"), s(12, 20, "LOC"), s(30, 35, "PER"), s(50, 55, "LOC")];

  it("exact match: same start, end and label", () => {
    const r = spanAgreement(A, B, { mode: "exact" });
    expect(r.overall).toEqual({ matched: 1, onlyA: 3, onlyB: 3, precision: 0.25, recall: 0.25, f1: 0.25 });
    expect(r.byLabel.map((x) => x.label)).toEqual(["LOC", "ORG", "PER"]);
    expect(r.byLabel[0]).toMatchObject({ matched: 0, onlyA: 1, onlyB: 2, precision: 0, recall: 0, f1: 0 });
    expect(r.byLabel[1]).toMatchObject({ matched: 0, onlyA: 1, onlyB: 0, precision: null, recall: 0, f1: 0 });
    expect(r.byLabel[2]).toMatchObject({ matched: 1, onlyA: 1, onlyB: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it("overlap match: intersecting ranges with the same label", () => {
    const r = spanAgreement(A, B, { mode: "overlap" });
    expect(r.overall).toMatchObject({ matched: 2, onlyA: 2, onlyB: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(r.byLabel[0]).toMatchObject({ label: "LOC", matched: 1, onlyA: 0, onlyB: 1, precision: 0.5, recall: 1 });
  });

  it("touching ranges do not overlap", () => {
    expect(spanAgreement([s(0, 5, "X")], [s(5, 9, "X")], { mode: "overlap" }).overall.matched).toBe(0);
  });

  it("matches one to one, taking the largest matching", () => {
    // Greedy in reading order would give A[0,10) the first B span, B[0,12), and leave A[9,11),
    // which overlaps only B[0,12), unmatched; the maximum matching moves A[0,10) to B[1,3).
    const a = [s(0, 10, "X"), s(9, 11, "X")];
    const b = [s(0, 12, "X"), s(1, 3, "X")];
    expect(spanAgreement(a, b, { mode: "overlap" }).overall.matched).toBe(2);
    expect(spanAgreement(b, a, { mode: "overlap" }).overall.matched).toBe(2);
    // One long span against two short ones: one match, one extra.
    const r = spanAgreement([s(0, 20, "X")], [s(0, 5, "X"), s(10, 15, "X")], { mode: "overlap" });
    expect(r.overall).toMatchObject({ matched: 1, onlyA: 0, onlyB: 1 });
  });

  it("counts duplicates: two identical spans match one only once", () => {
    const r = spanAgreement([s(0, 5, "X"), s(0, 5, "X")], [s(0, 5, "X")], { mode: "exact" });
    expect(r.overall).toMatchObject({ matched: 1, onlyA: 1, onlyB: 0 });
  });

  it("edge cases: no spans, one side empty, requested labels", () => {
    expect(spanAgreement([], [], { mode: "exact" }).overall).toEqual(prf(0, 0, 0));
    expect(prf(0, 0, 0)).toEqual({ matched: 0, onlyA: 0, onlyB: 0, precision: null, recall: null, f1: null });
    expect(spanAgreement([s(0, 1, "X")], [], { mode: "overlap" }).overall).toMatchObject({
      precision: null,
      recall: 0,
      f1: 0,
    });
    const r = spanAgreement([], [], { mode: "exact", labels: ["PER"] });
    expect(r.byLabel).toEqual([{ label: "PER", ...prf(0, 0, 0) }]);
  });

  it("identical annotations: everything 1", () => {
    expect(spanAgreement(A, A, { mode: "exact" }).overall).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });

  it("rejects invalid ranges", () => {
    expect(() => spanAgreement([s(5, 2, "X")], [], { mode: "exact" })).toThrow(RangeError);
    expect(() => spanAgreement([s(0.5, 2, "X")], [], { mode: "exact" })).toThrow(RangeError);
  });
});

describe("pairwise span agreement", () => {
  it("fills every ordered pair with the same label rows, swapping precision and recall", () => {
    const m = pairwiseSpanAgreement(
      [
        { annotator: "ann", spans: [s(0, 5, "PER"), s(10, 12, "LOC")] },
        { annotator: "bob", spans: [s(0, 5, "PER")] },
        { annotator: "cyd", spans: [] },
      ],
      { mode: "exact" },
    );
    expect(m.annotators).toEqual(["ann", "bob", "cyd"]);
    expect(m.cells[0][0]).toBeNull();
    expect(m.cells[0][1]!.overall).toMatchObject({ matched: 1, precision: 1, recall: 0.5 });
    expect(m.cells[1][0]!.overall).toMatchObject({ matched: 1, precision: 0.5, recall: 1 });
    expect(m.cells[1][2]!.byLabel.map((x) => x.label)).toEqual(["LOC", "PER"]);
    expect(m.cells[2][1]!.overall).toMatchObject({ precision: 0, recall: null, f1: 0 });
  });

  it("rejects duplicate annotator ids", () => {
    expect(() =>
      pairwiseSpanAgreement(
        [
          { annotator: "a", spans: [] },
          { annotator: "a", spans: [] },
        ],
        { mode: "exact" },
      ),
    ).toThrow(RangeError);
  });
});

describe("span agreement: properties", () => {
  const span = fc
    .tuple(fc.nat(60), fc.nat(12), fc.constantFrom("PER", "LOC", "ORG"))
    .map(([start, length, label]) => s(start, start + length, label));
  const spans = fc.array(span, { maxLength: 25 });

  it("F1 and the matched count are symmetric under swapping A and B; P and R swap", () => {
    fc.assert(
      fc.property(spans, spans, fc.constantFrom("exact" as const, "overlap" as const), (a, b, mode) => {
        const ab = spanAgreement(a, b, { mode });
        const ba = spanAgreement(b, a, { mode });
        expect(ab.overall.f1).toBe(ba.overall.f1);
        expect(ab.overall.matched).toBe(ba.overall.matched);
        expect(ab.overall.precision).toBe(ba.overall.recall);
        ab.byLabel.forEach((row, i) => expect(row.f1).toBe(ba.byLabel[i].f1));
      }),
    );
  });

  it("overlap matching finds at least the exact matches, and counts add up", () => {
    fc.assert(
      fc.property(spans, spans, (a, b) => {
        const exact = spanAgreement(a, b, { mode: "exact" }).overall;
        const overlap = spanAgreement(a, b, { mode: "overlap" }).overall;
        expect(overlap.matched).toBeGreaterThanOrEqual(exact.matched);
        for (const r of [exact, overlap]) {
          expect(r.matched + r.onlyA).toBe(a.length);
          expect(r.matched + r.onlyB).toBe(b.length);
        }
      }),
    );
  });

  it("does not depend on the order of the spans", () => {
    fc.assert(
      fc.property(spans, spans, (a, b) => {
        const r1 = spanAgreement(a, b, { mode: "overlap" });
        const r2 = spanAgreement([...a].reverse(), [...b].reverse(), { mode: "overlap" });
        expect(r2).toEqual(r1);
      }),
    );
  });
});
