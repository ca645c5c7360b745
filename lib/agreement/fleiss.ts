/**
 * Fleiss' kappa: agreement among a fixed number n ≥ 2 of ratings per unit
 * (the raters need not be the same people from unit to unit). Fleiss,
 * "Measuring nominal scale agreement among many raters", Psychological
 * Bulletin 76(5), 378–382, 1971.
 *
 * With N units, k categories and n_ij = number of ratings of unit i in
 * category j (Σ_j n_ij = n for every i):
 *
 *   P_i  = (Σ_j n_ij² − n) / (n (n − 1))     agreeing rater pairs in unit i
 *   P̄    = (1/N) Σ_i P_i                     observed agreement
 *   p_j  = Σ_i n_ij / (N n)                  share of all ratings in category j
 *   P̄_e  = Σ_j p_j²                          expected agreement
 *   κ    = (P̄ − P̄_e) / (1 − P̄_e)
 *
 * With two raters this is Scott's π. Fleiss' kappa for one category against
 * the rest (the ratings binarised) equals Fleiss' category kappa
 * κ_j = 1 − Σ_i n_ij (n − n_ij) / (N n (n − 1) p_j (1 − p_j)).
 *
 * Edge cases follow `common.ts`: N = 0 → `no-units`; n < 2 →
 * `single-annotator`; one category only → `no-variation`. Rows with
 * different totals are invalid input (RangeError): with missing ratings use
 * Krippendorff's alpha instead.
 */
import { compareCategories, type Category } from "./common";
import type { KappaResult } from "./cohen";

export interface FleissKappaResult extends KappaResult {
  /** Ratings per unit (n); 0 without units. */
  raters: number;
  /** p_j per category column; empty without units. */
  categoryProportions: number[];
}

/** Fleiss' kappa from a units × categories matrix of counts. */
export function fleissKappa(counts: readonly (readonly number[])[]): FleissKappaResult {
  const k = counts.length === 0 ? 0 : counts[0].length;
  for (const row of counts) if (row.length !== k) throw new RangeError("every unit needs a count for every category");
  return fleissKappaOfCounts(counts.length, k, (u, j) => counts[u][j]);
}

/**
 * `fleissKappa` of N units × k categories read through `count(unit, category)`
 * (the one computation: callers with counts in typed arrays skip building rows).
 */
export function fleissKappaOfCounts(
  N: number,
  k: number,
  count: (unit: number, category: number) => number,
): FleissKappaResult {
  if (N === 0) {
    return {
      value: null,
      reason: "no-units",
      units: 0,
      raters: 0,
      observedAgreement: null,
      expectedAgreement: null,
      categoryProportions: [],
    };
  }
  let n = -1;
  for (let u = 0; u < N; u++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const c = count(u, j);
      if (!Number.isInteger(c) || c < 0) throw new RangeError(`count ${c} is not a non-negative integer`);
      sum += c;
    }
    if (n === -1) n = sum;
    else if (sum !== n) throw new RangeError(`units have ${n} and ${sum} ratings; Fleiss' kappa needs the same number`);
  }
  const totals = new Array<number>(k).fill(0);
  for (let u = 0; u < N; u++) for (let j = 0; j < k; j++) totals[j] += count(u, j);
  const proportions = n === 0 ? totals.map(() => 0) : totals.map((t) => t / (N * n));
  const base = { units: N, raters: n, categoryProportions: proportions };
  if (n < 2) {
    return { ...base, value: null, reason: "single-annotator", observedAgreement: null, expectedAgreement: null };
  }
  if (totals.filter((t) => t > 0).length < 2) {
    return { ...base, value: null, reason: "no-variation", observedAgreement: 1, expectedAgreement: 1 };
  }
  let sumP = 0;
  for (let u = 0; u < N; u++) {
    let squares = 0;
    for (let j = 0; j < k; j++) {
      const c = count(u, j);
      squares += c * c;
    }
    sumP += (squares - n) / (n * (n - 1));
  }
  const observed = sumP / N;
  let expected = 0;
  for (const p of proportions) expected += p * p;
  return {
    ...base,
    value: (observed - expected) / (1 - expected),
    reason: null,
    observedAgreement: observed,
    expectedAgreement: expected,
  };
}

/**
 * Fleiss' kappa from the ratings themselves: `ratings[i]` lists the n
 * categories unit i received (order irrelevant). Also returns the category
 * of each column of the counts (numbers before strings, each ascending).
 */
export function fleissKappaFromRatings<C extends Category>(
  ratings: readonly (readonly C[])[],
): FleissKappaResult & { categories: C[] } {
  const categories = [...new Set(ratings.flat() as C[])].sort(compareCategories);
  const index = new Map(categories.map((c, i) => [c, i]));
  const counts = ratings.map((unit) => {
    const row = new Array<number>(categories.length).fill(0);
    for (const r of unit) {
      if (r == null) throw new RangeError("Fleiss' kappa takes no missing ratings; use Krippendorff's alpha");
      row[index.get(r)!]++;
    }
    return row;
  });
  return { ...fleissKappa(counts), categories };
}
