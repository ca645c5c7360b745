import { describe, expect, it } from "vitest";
import { krippendorffAlpha, krippendorffAlphaFromUnits } from "./krippendorff";

// Source for every example here: K. Krippendorff, "Computing Krippendorff's Alpha-Reliability",
// Annenberg School for Communication, University of Pennsylvania, 2011
// (https://repository.upenn.edu/asc_papers/43). Rows are observers, columns units, null = missing.
const _ = null;

describe("Krippendorff's alpha: published examples", () => {
  it("A. binary data, two observers, no missing data: α = 0.095", () => {
    // By hand: o_00 = 10, o_01 = o_10 = 4, o_11 = 2; n_0 = 14, n_1 = 6, n = 20;
    // α = 1 − (n − 1) o_01 / (n_0 n_1) = 1 − 19·4/84 = 0.0952.
    const r = krippendorffAlpha([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ]);
    expect(r.coincidences).toEqual([
      [10, 4],
      [4, 2],
    ]);
    expect(r.pairableValues).toBe(20);
    expect(r.value).toBeCloseTo(0.095, 3);
  });

  it("B. nominal data, two observers, no missing data: α = 0.692", () => {
    const r = krippendorffAlpha([
      ["a", "a", "b", "b", "d", "c", "c", "c", "e", "d", "d", "a"],
      ["b", "a", "b", "b", "b", "c", "c", "c", "e", "d", "d", "d"],
    ]);
    expect(r.units).toBe(12);
    expect(r.pairableValues).toBe(24);
    expect(r.value).toBeCloseTo(0.692, 3);
  });

  // C. Nominal data, any number of observers, missing data: 4 observers, 12 units; unit 12 has
  // a single value and is not pairable. Published: α_nominal = 0.743, α_interval = 0.849.
  const C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];

  it("C. nominal data, four observers, missing data: α = 0.743", () => {
    const r = krippendorffAlpha(C);
    expect(r.units).toBe(11);
    expect(r.unitsDropped).toBe(1);
    expect(r.pairableValues).toBe(40);
    expect(r.values).toEqual([1, 2, 3, 4, 5]);
    expect(r.value).toBeCloseTo(0.743, 3);
  });

  it("C. the same data at the interval level: α = 0.849", () => {
    expect(krippendorffAlpha(C, { level: "interval" }).value).toBeCloseTo(0.849, 3);
  });
});

describe("Krippendorff's alpha: edge cases", () => {
  it("no units, and no pairable unit", () => {
    expect(krippendorffAlpha([])).toMatchObject({ value: null, reason: "no-units", units: 0 });
    expect(krippendorffAlpha([[], []])).toMatchObject({ value: null, reason: "no-units" });
    expect(
      krippendorffAlpha([
        ["a", _],
        [_, "b"],
      ]),
    ).toMatchObject({
      value: null,
      reason: "no-units",
      units: 0,
      unitsDropped: 2,
      observedDisagreement: null,
    });
  });

  it("a single coder", () => {
    expect(krippendorffAlpha([["a", "b", "c"]])).toMatchObject({ value: null, reason: "single-annotator" });
    expect(
      krippendorffAlpha([
        ["a", "b"],
        [_, _],
      ]),
    ).toMatchObject({ value: null, reason: "single-annotator" });
  });

  it("no variation: D_o = D_e = 0, α null", () => {
    expect(
      krippendorffAlpha([
        ["O", "O", _],
        ["O", "O", "O"],
      ]),
    ).toMatchObject({
      value: null,
      reason: "no-variation",
      observedDisagreement: 0,
      expectedDisagreement: 0,
      units: 2,
      unitsDropped: 1,
    });
  });

  it("perfect agreement with variation is 1; units with one value do not count", () => {
    expect(
      krippendorffAlpha([
        ["a", "b", "c", _],
        ["a", "b", _, "z"],
      ]).value,
    ).toBe(1);
  });

  it("the per-unit form ignores coder identity", () => {
    const byUnit = krippendorffAlphaFromUnits([
      [0, 1],
      [1, 1],
      [0, 1],
      [0, 0],
      [0, 0],
      [0, 1],
      [0, 0],
      [0, 0],
      [1, 0],
      [0, 0],
    ]);
    expect(byUnit.value).toBeCloseTo(1 - 76 / 84, 12);
  });

  it("rejects ragged data and non-numeric interval values", () => {
    expect(() => krippendorffAlpha([["a"], ["a", "b"]])).toThrow(RangeError);
    expect(() => krippendorffAlpha([["a"], ["b"]], { level: "interval" })).toThrow(RangeError);
  });
});
