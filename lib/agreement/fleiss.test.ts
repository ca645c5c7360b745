import { describe, expect, it } from "vitest";
import { fleissKappa, fleissKappaFromRatings } from "./fleiss";

// Source: Wikipedia, "Fleiss' kappa", section "Worked example"
// (https://en.wikipedia.org/wiki/Fleiss%27_kappa): 10 subjects, 14 raters each, 5 categories.
// Published: p_j = 0.143, 0.200, 0.279, 0.150, 0.229; P_i = 1.000, 0.253, 0.308, 0.440, 0.330,
// 0.462, 0.242, 0.176, 0.286, 0.286; P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
const WIKIPEDIA = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

// Source: J. L. Fleiss, "Measuring nominal scale agreement among many raters", Psychological
// Bulletin 76(5), 378–382, 1971, Table 1: 30 patients, each diagnosed by 6 of a pool of
// psychiatrists into 1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis,
// 5 other. Published κ = .430, and per-category kappas .245, .245, .520, .471, .566. The
// ratings per patient are as distributed with R's irr package (data set `diagnoses`, whose
// kappam.fleiss gives 0.4302445 and, with detail = TRUE, the same category kappas).
const FLEISS_1971 = [
  [4, 4, 4, 4, 4, 4],
  [2, 2, 2, 5, 5, 5],
  [2, 3, 3, 3, 3, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3],
  [3, 3, 3, 3, 5, 5],
  [1, 1, 3, 3, 3, 4],
  [1, 1, 4, 4, 4, 4],
  [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4],
  [1, 2, 4, 4, 4, 4],
  [2, 2, 2, 3, 3, 3],
  [1, 4, 4, 4, 4, 4],
  [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5],
  [1, 1, 1, 4, 5, 5],
  [1, 1, 1, 1, 1, 2],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 4, 4, 4, 4, 4],
  [2, 2, 4, 5, 5, 5],
  [1, 1, 4, 4, 4, 4],
  [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4],
  [1, 1, 1, 1, 5, 5],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 3, 3, 3],
  [5, 5, 5, 5, 5, 5],
];

describe("Fleiss' kappa: published examples", () => {
  it("reproduces the Wikipedia worked example (κ = 0.210)", () => {
    const r = fleissKappa(WIKIPEDIA);
    expect(r.units).toBe(10);
    expect(r.raters).toBe(14);
    [0.143, 0.2, 0.279, 0.15, 0.229].forEach((p, j) => expect(r.categoryProportions[j]).toBeCloseTo(p, 3));
    expect(r.observedAgreement).toBeCloseTo(0.378, 3);
    expect(r.expectedAgreement).toBeCloseTo(0.213, 3);
    expect(r.value).toBeCloseTo(0.21, 3);
  });

  it("reproduces Fleiss (1971), Table 1 (κ = .430)", () => {
    const r = fleissKappaFromRatings(FLEISS_1971);
    expect(r.units).toBe(30);
    expect(r.raters).toBe(6);
    expect(r.categories).toEqual([1, 2, 3, 4, 5]);
    expect(r.value).toBeCloseTo(0.43, 3);
  });

  it("reproduces Fleiss' (1971) per-category kappas as one-vs-rest Fleiss' kappa", () => {
    const published = [0.245, 0.245, 0.52, 0.471, 0.566];
    published.forEach((kappa, j) => {
      const binary = FLEISS_1971.map((unit) => unit.map((r) => r === j + 1));
      expect(fleissKappaFromRatings(binary).value).toBeCloseTo(kappa, 3);
    });
  });
});

describe("Fleiss' kappa: edge cases", () => {
  it("no units", () => {
    expect(fleissKappa([])).toMatchObject({ value: null, reason: "no-units", units: 0, observedAgreement: null });
    expect(fleissKappaFromRatings([])).toMatchObject({ value: null, reason: "no-units" });
  });

  it("a single rater per unit", () => {
    expect(fleissKappaFromRatings([["a"], ["b"]])).toMatchObject({
      value: null,
      reason: "single-annotator",
      units: 2,
      raters: 1,
    });
  });

  it("everyone always chose the same category: observed = expected = 1, κ null", () => {
    expect(
      fleissKappaFromRatings([
        ["O", "O", "O"],
        ["O", "O", "O"],
      ]),
    ).toMatchObject({
      value: null,
      reason: "no-variation",
      observedAgreement: 1,
      expectedAgreement: 1,
    });
  });

  it("total agreement with variation is 1", () => {
    expect(
      fleissKappaFromRatings([
        ["a", "a", "a"],
        ["b", "b", "b"],
      ]).value,
    ).toBe(1);
  });

  it("rejects units with different numbers of ratings, and missing ratings", () => {
    expect(() =>
      fleissKappa([
        [1, 1],
        [2, 1],
      ]),
    ).toThrow(RangeError);
    expect(() => fleissKappa([[1, 1], [2]])).toThrow(RangeError);
    expect(() => fleissKappa([[1.5, 0.5]])).toThrow(RangeError);
    expect(() => fleissKappaFromRatings([["a", null as unknown as string]])).toThrow(RangeError);
  });
});
