import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { curationDiff } from "./curation";

type A = { id: string; start: number; end: number; label: string };
const a = (id: string, start: number, end: number, label: string): A => ({ id, start, end, label });

describe("curationDiff: two annotators", () => {
  const ann = [
    a("a1", 0, 6, "PER"), // agreement
    a("a2", 10, 15, "LOC"), // same span, different type
    a("a3", 20, 30, "ORG"), // overlap
    a("a4", 40, 45, "PER"), // only in ann
  ];
  const bob = [
    a("b1", 0, 6, "PER"),
    a("b2", 10, 15, "ORG"),
    a("b3", 25, 35, "ORG"),
    a("b4", 50, 55, "LOC"), // only in bob
  ];
  const r = curationDiff([
    { annotator: "ann", spans: ann },
    { annotator: "bob", spans: bob },
  ]);

  it("lists agreements with one annotation from each annotator", () => {
    expect(r.agreements).toEqual([
      {
        start: 0,
        end: 6,
        label: "PER",
        spans: [
          { annotator: "ann", span: ann[0] },
          { annotator: "bob", span: bob[0] },
        ],
      },
    ]);
  });

  it("lists differences in reading order, with kinds and the spans involved", () => {
    expect(
      r.differences.map((d) => [d.kind, d.start, d.end, d.spans.map((x) => x.span.id), d.annotators, d.missing]),
    ).toEqual([
      ["label", 10, 15, ["a2", "b2"], ["ann", "bob"], []],
      ["overlap", 20, 35, ["a3", "b3"], ["ann", "bob"], []],
      ["only", 40, 45, ["a4"], ["ann"], ["bob"]],
      ["only", 50, 55, ["b4"], ["bob"], ["ann"]],
    ]);
  });
});

describe("curationDiff: cases", () => {
  it("keeps an agreement apart from a nested extra span of one annotator", () => {
    const r = curationDiff([
      { annotator: "A", spans: [a("1", 0, 10, "ORG"), a("2", 0, 4, "PER")] },
      { annotator: "B", spans: [a("3", 0, 10, "ORG")] },
    ]);
    expect(r.agreements.map((x) => x.label)).toEqual(["ORG"]);
    expect(r.differences).toHaveLength(1);
    expect(r.differences[0]).toMatchObject({ kind: "only", start: 0, end: 4, annotators: ["A"], missing: ["B"] });
  });

  it("groups a chain of overlaps into one difference", () => {
    const r = curationDiff([
      { annotator: "A", spans: [a("1", 0, 5, "X"), a("2", 8, 12, "X")] },
      { annotator: "B", spans: [a("3", 3, 10, "X")] },
    ]);
    expect(r.differences).toHaveLength(1);
    expect(r.differences[0]).toMatchObject({ kind: "overlap", start: 0, end: 12 });
    expect(r.differences[0].spans.map((x) => x.span.id)).toEqual(["1", "3", "2"]);
  });

  it("leaves duplicates of an agreed span as differences", () => {
    const r = curationDiff([
      { annotator: "A", spans: [a("1", 0, 5, "X"), a("2", 0, 5, "X")] },
      { annotator: "B", spans: [a("3", 0, 5, "X")] },
    ]);
    expect(r.agreements).toHaveLength(1);
    expect(r.agreements[0].spans.map((x) => x.span.id)).toEqual(["1", "3"]);
    expect(r.differences).toEqual([
      {
        kind: "only",
        start: 0,
        end: 5,
        spans: [{ annotator: "A", span: r.differences[0].spans[0].span }],
        annotators: ["A"],
        missing: ["B"],
      },
    ]);
    expect(r.differences[0].spans[0].span.id).toBe("2");
  });

  it("three annotators: agreement needs all three; two of three is a difference", () => {
    const r = curationDiff([
      { annotator: "A", spans: [a("1", 0, 5, "X"), a("4", 10, 12, "Y")] },
      { annotator: "B", spans: [a("2", 0, 5, "X"), a("5", 10, 12, "Y")] },
      { annotator: "C", spans: [a("3", 0, 5, "X"), a("6", 10, 12, "Z")] },
    ]);
    expect(r.agreements).toHaveLength(1);
    expect(r.differences).toHaveLength(1);
    expect(r.differences[0]).toMatchObject({ kind: "label", annotators: ["A", "B", "C"], missing: [] });
  });

  it("touching spans are separate differences", () => {
    const r = curationDiff([
      { annotator: "A", spans: [a("1", 0, 5, "X")] },
      { annotator: "B", spans: [a("2", 5, 9, "X")] },
    ]);
    expect(r.differences.map((d) => d.kind)).toEqual(["only", "only"]);
  });

  it("edge cases: no annotators, one annotator, no annotations", () => {
    expect(curationDiff([])).toEqual({ annotators: [], agreements: [], differences: [] });
    const one = curationDiff([{ annotator: "A", spans: [a("1", 0, 5, "X")] }]);
    expect(one.agreements).toHaveLength(1);
    expect(one.differences).toEqual([]);
    expect(
      curationDiff([
        { annotator: "A", spans: [] },
        { annotator: "B", spans: [] },
      ]),
    ).toEqual({ annotators: ["A", "B"], agreements: [], differences: [] });
    expect(() =>
      curationDiff([
        { annotator: "A", spans: [] },
        { annotator: "A", spans: [] },
      ]),
    ).toThrow(RangeError);
  });
});

describe("curationDiff: properties", () => {
  const spans = (prefix: string) =>
    fc
      .array(
        fc
          .tuple(fc.nat(40), fc.nat(8), fc.constantFrom("X", "Y"))
          .map(([start, len, label]) => ({ start, end: start + len, label })),
        { maxLength: 15 },
      )
      .map((xs) => xs.map((x, i) => ({ ...x, id: `${prefix}${i}` })));

  it("accounts for every annotation exactly once, in reading order", () => {
    fc.assert(
      fc.property(spans("a"), spans("b"), spans("c"), (x, y, z) => {
        const r = curationDiff([
          { annotator: "A", spans: x },
          { annotator: "B", spans: y },
          { annotator: "C", spans: z },
        ]);
        const ids = [...r.agreements.flatMap((g) => g.spans), ...r.differences.flatMap((d) => d.spans)].map(
          (s) => s.span.id,
        );
        expect(ids.sort()).toEqual([...x, ...y, ...z].map((s) => s.id).sort());
        for (let i = 1; i < r.differences.length; i++) {
          const p = r.differences[i - 1];
          const d = r.differences[i];
          expect(p.start < d.start || (p.start === d.start && p.end >= d.end)).toBe(true);
        }
        for (const g of r.agreements) expect(g.spans.map((s) => s.annotator)).toEqual(["A", "B", "C"]);
      }),
    );
  });

  it("identical annotation sets have no differences", () => {
    fc.assert(
      fc.property(spans("a"), (x) => {
        const r = curationDiff([
          { annotator: "A", spans: x },
          { annotator: "B", spans: x.map((s) => ({ ...s, id: `copy-${s.id}` })) },
        ]);
        expect(r.differences).toEqual([]);
        expect(r.agreements).toHaveLength(x.length);
      }),
    );
  });
});
