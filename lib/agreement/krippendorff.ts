/**
 * Krippendorff's alpha for any number of coders, with missing values, at the
 * nominal or interval level. Krippendorff, "Computing Krippendorff's
 * Alpha-Reliability", Annenberg School for Communication, University of
 * Pennsylvania, 2011 (https://repository.upenn.edu/asc_papers/43).
 *
 * For each unit u with m_u values (m_u ≥ 2; units with fewer values are not
 * pairable and are dropped), the coincidence matrix counts ordered pairs of
 * values from different coders, each pair weighted 1/(m_u − 1):
 *
 *   o_ck = Σ_u (number of c–k pairs in u) / (m_u − 1)
 *   n_c  = Σ_k o_ck,   n = Σ_c n_c   (the number of pairable values)
 *   D_o  = (1/n) Σ_c Σ_k o_ck δ²(c, k)                   observed disagreement
 *   D_e  = 1/(n (n − 1)) Σ_c Σ_k n_c n_k δ²(c, k)        expected disagreement
 *   α    = 1 − D_o / D_e
 *
 * δ²(c, k) is 0 if c = k and 1 otherwise (nominal), or (c − k)² (interval).
 *
 * Special cases (documented identities, tested): with the same number m of
 * values in every one of N units (no missing data), nominal α relates to
 * Fleiss' κ on the same data by α = 1 − (1 − κ) (mN − 1)/(mN); with two
 * coders that κ is Scott's π, so α = 1 − (1 − π)(2N − 1)/(2N). Alpha and
 * those kappas therefore agree as N grows, and equal 1 together.
 *
 * Edge cases follow `common.ts`: no pairable unit → `no-units` (or
 * `single-annotator` when fewer than two coders gave any value); every
 * pairable value the same → D_o = D_e = 0, `no-variation`.
 */
import { compareCategories, type Category, type NoValueReason } from "./common";

export type AlphaLevel = "nominal" | "interval";

export interface AlphaOptions {
  /** Metric of the values: `nominal` (default) or `interval` (values must be finite numbers). */
  level?: AlphaLevel;
}

export interface AlphaResult<V extends Category = Category> {
  value: number | null;
  reason: NoValueReason | null;
  level: AlphaLevel;
  /** Pairable units used (two or more values). */
  units: number;
  /** Units dropped for having fewer than two values. */
  unitsDropped: number;
  /** n: the number of pairable values. */
  pairableValues: number;
  /** D_o; null when no unit is pairable. */
  observedDisagreement: number | null;
  /** D_e; null when no unit is pairable. */
  expectedDisagreement: number | null;
  /** The distinct pairable values, ordered as `compareCategories` orders them. */
  values: V[];
  /** o_ck over `values` (k × k: meant for category sets, not thousands of distinct interval values). */
  coincidences: number[][];
}

/**
 * Alpha from the values each unit received: `units[u]` lists the values
 * assigned to unit u by the coders who coded it (missing values omitted).
 */
export function krippendorffAlphaFromUnits<V extends Category>(
  units: readonly (readonly V[])[],
  options: AlphaOptions = {},
): AlphaResult<V> {
  const level = options.level ?? "nominal";
  const pairable = units.filter((u) => u.length >= 2);
  const values = [...new Set(pairable.flat() as V[])].sort(compareCategories);
  if (level === "interval") {
    for (const v of values) {
      if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`interval alpha needs numbers, not ${v}`);
    }
  }
  const index = new Map(values.map((v, i) => [v, i]));
  const k = values.length;
  const o = values.map(() => new Array<number>(k).fill(0));
  const counts = new Array<number>(k).fill(0);
  const present: number[] = [];
  for (const unit of pairable) {
    for (const v of unit) {
      const i = index.get(v)!;
      if (counts[i] === 0) present.push(i);
      counts[i]++;
    }
    addCoincidences(o, counts, present, present.length, unit.length);
    for (const c of present) counts[c] = 0;
    present.length = 0;
  }
  const n = pairable.reduce((sum, u) => sum + u.length, 0);
  return alphaFromCoincidences(
    values,
    o,
    { units: pairable.length, unitsDropped: units.length - pairable.length, n },
    level,
  );
}

/**
 * Adds one pairable unit to the coincidence matrix `o`: `counts[c]` values of
 * category c (over the `presentCount` categories listed first in `present`),
 * `size` values in all.
 */
export function addCoincidences(
  o: number[][],
  counts: ArrayLike<number>,
  present: ArrayLike<number>,
  presentCount: number,
  size: number,
): void {
  const weight = 1 / (size - 1);
  for (let x = 0; x < presentCount; x++) {
    const c = present[x];
    for (let y = 0; y < presentCount; y++) {
      const d = present[y];
      o[c][d] += (c === d ? counts[c] * (counts[c] - 1) : counts[c] * counts[d]) * weight;
    }
  }
}

/**
 * Alpha from the coincidence matrix over `values` (sorted as
 * `compareCategories` sorts them) of `units` pairable units holding `n`
 * values, `unitsDropped` units having had fewer than two.
 */
export function alphaFromCoincidences<V extends Category>(
  values: V[],
  o: number[][],
  { units, unitsDropped, n }: { units: number; unitsDropped: number; n: number },
  level: AlphaLevel = "nominal",
): AlphaResult<V> {
  const k = values.length;
  const base = { level, units, unitsDropped, values, coincidences: o };
  if (units === 0) {
    return {
      ...base,
      value: null,
      reason: "no-units",
      pairableValues: 0,
      observedDisagreement: null,
      expectedDisagreement: null,
    };
  }
  if (k < 2) {
    return {
      ...base,
      value: null,
      reason: "no-variation",
      pairableValues: n,
      observedDisagreement: 0,
      expectedDisagreement: 0,
    };
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const delta2 =
    level === "interval"
      ? (c: number, d: number) => ((values[c] as number) - (values[d] as number)) ** 2
      : (c: number, d: number) => (c === d ? 0 : 1);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      if (c === d) continue;
      const w = delta2(c, d);
      observed += o[c][d] * w;
      expected += nc[c] * nc[d] * w;
    }
  }
  observed /= n;
  expected /= n * (n - 1);
  return {
    ...base,
    value: 1 - observed / expected,
    reason: null,
    pairableValues: n,
    observedDisagreement: observed,
    expectedDisagreement: expected,
  };
}

/**
 * Alpha from Krippendorff's reliability data matrix: `data[coder][unit]`,
 * null or undefined where the coder did not code the unit. Every coder's row
 * must have the same length (RangeError otherwise). No units at all gives
 * `no-units`; units but fewer than two coders with a value, `single-annotator`.
 */
export function krippendorffAlpha<V extends Category>(
  data: readonly (readonly (V | null | undefined)[])[],
  options: AlphaOptions = {},
): AlphaResult<V> {
  const unitCount = data.length === 0 ? 0 : data[0].length;
  for (const row of data) {
    if (row.length !== unitCount) throw new RangeError("every coder's row needs one entry per unit");
  }
  const units: V[][] = [];
  for (let u = 0; u < unitCount; u++) {
    const values: V[] = [];
    for (const row of data) {
      const v = row[u];
      if (v != null) values.push(v);
    }
    units.push(values);
  }
  const result = krippendorffAlphaFromUnits(units, options);
  const coders = data.filter((row) => row.some((v) => v != null)).length;
  if (coders < 2 && unitCount > 0) return { ...result, value: null, reason: "single-annotator" };
  return result;
}
