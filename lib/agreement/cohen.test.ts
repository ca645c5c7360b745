import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohenKappa, cohenKappaFromTable } from "./cohen";

describe("Cohen's kappa: published examples", () => {
  it("reproduces the Wikipedia worked example of 50 grant proposals (κ = 0.4)", () => {
    // Source: Wikipedia, "Cohen's kappa", section "Examples — Simple example"
    // (https://en.wikipedia.org/wiki/Cohen%27s_kappa): two readers, 50 proposals,
    // Yes/Yes 20, A Yes/B No 5, A No/B Yes 10, No/No 15; p_o = 0.7, p_e = 0.5, κ = 0.4.
    const r = cohenKappaFromTable(
      [
        [20, 5],
        [10, 15],
      ],
      ["Yes", "No"],
    );
    expect(r.units).toBe(50);
    expect(r.observedAgreement).toBeCloseTo(0.7, 10);
    expect(r.expectedAgreement).toBeCloseTo(0.5, 10);
    expect(r.value).toBeCloseTo(0.4, 3);
  });

  it("reproduces the two 'same percentages, different numbers' tables of Wikipedia (κ = 0.1304 and 0.2593)", () => {
    // Source: Wikipedia, "Cohen's kappa", section "Same percentages but different numbers".
    // Both tables have p_o = 0.60; by hand: p_e = .6·.7 + .4·.3 = .54 → κ = .06/.46 = 0.1304,
    // and p_e = .6·.3 + .4·.7 = .46 → κ = .14/.54 = 0.2593.
    const first = cohenKappaFromTable([
      [45, 15],
      [25, 15],
    ]);
    const second = cohenKappaFromTable([
      [25, 35],
      [5, 35],
    ]);
    expect(first.observedAgreement).toBeCloseTo(0.6, 10);
    expect(first.value).toBeCloseTo(0.1304, 4);
    expect(second.observedAgreement).toBeCloseTo(0.6, 10);
    expect(second.value).toBeCloseTo(0.2593, 4);
  });

  it("reproduces the 3×3 example of Cohen (1960), Table 1 (p_o = .70, p_c = .41, κ = .49)", () => {
    // Source: J. Cohen, "A coefficient of agreement for nominal scales", Educational and
    // Psychological Measurement 20(1), 37–46, 1960, Table 1: 200 units, two judges, three
    // categories, printed as proportions (.44 .07 .09 / .05 .20 .05 / .01 .03 .06), here as
    // counts (×200). Checkable by hand: p_o = (88+40+12)/200 = .70; marginals .60/.30/.10 and
    // .50/.30/.20 give p_c = .30 + .09 + .02 = .41; κ = .29/.59 = .4915.
    const r = cohenKappaFromTable([
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ]);
    expect(r.observedAgreement).toBeCloseTo(0.7, 10);
    expect(r.expectedAgreement).toBeCloseTo(0.41, 10);
    expect(r.value).toBeCloseTo(0.492, 3);
  });

  it("matches a SAS printout of a 3×3 table (κ = 0.4842)", () => {
    // Source: the statsmodels test suite, statsmodels/stats/tests/test_inter_rater.py
    // (https://github.com/statsmodels/statsmodels), class UnweightedCohens, "comparison to
    // printout of a SAS example": table [[0,4,1],[0,8,0],[0,1,5]], simple kappa 0.4842.
    // By hand: N = 19, diagonal 13 → p_o = 13/19; rows 5, 8, 6, columns 0, 13, 6 →
    // p_e = (0 + 8·13 + 6·6)/361 = 140/361; κ = (13·19 − 140)/(361 − 140) = 107/221 = 0.48416.
    const r = cohenKappaFromTable([
      [0, 4, 1],
      [0, 8, 0],
      [0, 1, 5],
    ]);
    expect(r.units).toBe(19);
    expect(r.value).toBeCloseTo(107 / 221, 12);
    expect(r.value).toBeCloseTo(0.4842, 4);
  });
});

describe("Cohen's kappa: from two annotators' labels", () => {
  it("builds the contingency table in category order and drops units either side left blank", () => {
    const a = ["PER", "PER", "LOC", null, "LOC", "ORG"];
    const b = ["PER", "LOC", "LOC", "PER", undefined, "ORG"];
    const r = cohenKappa(a, b);
    expect(r.categories).toEqual(["LOC", "ORG", "PER"]);
    expect(r.units).toBe(4);
    expect(r.unitsDropped).toBe(2);
    expect(r.table).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [1, 0, 1],
    ]);
    // p_o = 3/4; marginals A: LOC 1, ORG 1, PER 2; B: LOC 2, ORG 1, PER 1 → p_e = (2+1+2)/16.
    expect(r.observedAgreement).toBeCloseTo(0.75, 12);
    expect(r.expectedAgreement).toBeCloseTo(5 / 16, 12);
    expect(r.value).toBeCloseTo((0.75 - 5 / 16) / (1 - 5 / 16), 12);
  });

  it("gives the Wikipedia value from raw labels too", () => {
    const a = [...Array(25).fill("Y"), ...Array(25).fill("N")];
    const b = [...Array(20).fill("Y"), ...Array(5).fill("N"), ...Array(10).fill("Y"), ...Array(15).fill("N")];
    expect(cohenKappa(a, b).value).toBeCloseTo(0.4, 10);
  });

  it("is −1 for systematic disagreement with balanced marginals", () => {
    expect(cohenKappa(["a", "b", "a", "b"], ["b", "a", "b", "a"]).value).toBeCloseTo(-1, 12);
  });
});

describe("Cohen's kappa: edge cases", () => {
  it("no units: null, no-units, no agreement figures", () => {
    const r = cohenKappa([], []);
    expect(r).toMatchObject({ value: null, reason: "no-units", units: 0 });
    expect(r.observedAgreement).toBeNull();
    expect(cohenKappa([null, "a"], ["a", null])).toMatchObject({ value: null, reason: "no-units", unitsDropped: 2 });
    expect(cohenKappaFromTable([])).toMatchObject({ value: null, reason: "no-units" });
  });

  it("total agreement on one category: observed = expected = 1, κ null (no-variation)", () => {
    const r = cohenKappa(["O", "O", "O"], ["O", "O", "O"]);
    expect(r).toMatchObject({ value: null, reason: "no-variation", units: 3 });
    expect(r.observedAgreement).toBe(1);
    expect(r.expectedAgreement).toBe(1);
  });

  it("total agreement with variation: κ = 1 exactly", () => {
    const r = cohenKappa(["a", "b", "b"], ["a", "b", "b"]);
    expect(r.value).toBe(1);
    expect(r.reason).toBeNull();
  });

  it("rejects unequal lengths and bad tables", () => {
    expect(() => cohenKappa(["a"], [])).toThrow(RangeError);
    expect(() => cohenKappaFromTable([[1, 2]])).toThrow(RangeError);
    expect(() => cohenKappaFromTable([[-1]])).toThrow(RangeError);
    expect(() => cohenKappaFromTable([[1]], ["a", "b"])).toThrow(RangeError);
  });
});

describe("Cohen's kappa: properties", () => {
  const labels = fc.array(fc.constantFrom("PER", "LOC", "ORG", "O"), { minLength: 1, maxLength: 60 });

  it("an annotator agrees with themselves: κ = 1 when there is variation, else null", () => {
    fc.assert(
      fc.property(labels, (a) => {
        const r = cohenKappa(a, a);
        if (new Set(a).size > 1) expect(r.value).toBe(1);
        else expect(r).toMatchObject({ value: null, reason: "no-variation" });
      }),
    );
  });

  it("is symmetric in the two annotators and at most 1", () => {
    fc.assert(
      fc.property(
        labels.chain((a) =>
          fc.tuple(
            fc.constant(a),
            fc.array(fc.constantFrom("PER", "LOC", "O"), { minLength: a.length, maxLength: a.length }),
          ),
        ),
        ([a, b]) => {
          const ab = cohenKappa(a, b);
          const ba = cohenKappa(b, a);
          expect(ab.reason).toBe(ba.reason);
          if (ab.value === null) return;
          expect(ab.value).toBeCloseTo(ba.value!, 12);
          expect(ab.value).toBeLessThanOrEqual(1 + 1e-12);
        },
      ),
    );
  });
});
