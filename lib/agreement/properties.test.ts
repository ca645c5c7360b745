// Relations between the coefficients, checked on random data (fast-check). The identities are
// documented in krippendorff.ts and fleiss.ts; derivation: with m values in each of N units and
// no missing data, alpha's D_o = 1 − P̄ and D_e = mN/(mN − 1) · (1 − P̄_e), so
// α = 1 − (1 − κ_Fleiss)(mN − 1)/(mN). With two raters Fleiss' kappa is Scott's π, which equals
// Cohen's κ when both annotators have the same marginal distribution.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohenKappa } from "./cohen";
import { fleissKappaFromRatings } from "./fleiss";
import { krippendorffAlpha } from "./krippendorff";

const category = fc.constantFrom("PER", "LOC", "ORG", "O");

/** coders × units, no missing values. */
const complete = fc
  .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 40 }))
  .chain(([coders, units]) =>
    fc.array(fc.array(category, { minLength: units, maxLength: units }), { minLength: coders, maxLength: coders }),
  );

function transpose<T>(grid: T[][]): T[][] {
  return grid[0].map((_, u) => grid.map((row) => row[u]));
}

describe("coefficient identities", () => {
  it("nominal alpha = 1 − (1 − Fleiss' κ)(mN − 1)/(mN) without missing data", () => {
    fc.assert(
      fc.property(complete, (grid) => {
        const alpha = krippendorffAlpha(grid);
        const fleiss = fleissKappaFromRatings(transpose(grid));
        expect(alpha.reason).toBe(fleiss.reason);
        if (fleiss.value === null) return;
        const mN = grid.length * grid[0].length;
        expect(alpha.value!).toBeCloseTo(1 - ((1 - fleiss.value) * (mN - 1)) / mN, 9);
        expect(alpha.observedDisagreement!).toBeCloseTo(1 - fleiss.observedAgreement!, 9);
      }),
    );
  });

  it("two annotators with the same marginals: Cohen's κ = Fleiss' κ (Scott's π), alpha by the identity", () => {
    // b is a permutation of a, so both annotators use each category equally often.
    const pair = fc
      .array(category, { minLength: 2, maxLength: 40 })
      .chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a, { minLength: a.length, maxLength: a.length })));
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const cohen = cohenKappa(a, b);
        const fleiss = fleissKappaFromRatings(a.map((x, i) => [x, b[i]]));
        const alpha = krippendorffAlpha([a, b]);
        expect(cohen.reason).toBe(fleiss.reason);
        expect(alpha.reason).toBe(cohen.reason);
        if (cohen.value === null) return;
        expect(cohen.value).toBeCloseTo(fleiss.value!, 9);
        const n = 2 * a.length;
        expect(alpha.value!).toBeCloseTo(1 - ((1 - cohen.value) * (n - 1)) / n, 9);
      }),
    );
  });

  it("an annotator duplicated agrees perfectly: κ, Fleiss and alpha are 1 with variation, null without", () => {
    fc.assert(
      fc.property(fc.array(category, { minLength: 1, maxLength: 40 }), fc.integer({ min: 2, max: 4 }), (a, copies) => {
        const grid = Array.from({ length: copies }, () => a);
        const varied = new Set(a).size > 1;
        for (const r of [cohenKappa(a, a), fleissKappaFromRatings(transpose(grid)), krippendorffAlpha(grid)]) {
          if (varied) expect(r.value).toBe(1);
          else expect(r).toMatchObject({ value: null, reason: "no-variation" });
        }
      }),
    );
  });

  it("alpha does not depend on the order of coders or units, and ignores units with one value", () => {
    const withMissing = complete.map((grid) =>
      grid.map((row) => row.map((v, i) => (i % 3 === row.length % 3 ? null : v))),
    );
    fc.assert(
      fc.property(withMissing, (grid) => {
        const r = krippendorffAlpha(grid);
        const reversed = krippendorffAlpha([...grid].reverse().map((row) => [...row].reverse()));
        const padded = krippendorffAlpha(grid.map((row, c) => [...row, c === 0 ? "PER" : null]));
        expect(reversed.reason).toBe(r.reason);
        expect(padded.reason).toBe(r.reason);
        if (r.value === null) return;
        expect(reversed.value!).toBeCloseTo(r.value, 12);
        expect(padded.value!).toBeCloseTo(r.value, 12);
      }),
    );
  });
});
