/**
 * Cohen's kappa for two annotators who each assign one category to the same
 * units (Cohen, "A coefficient of agreement for nominal scales", Educational
 * and Psychological Measurement 20(1), 1960).
 *
 * With a k×k contingency table of counts n_ij (rows: annotator A's category,
 * columns: annotator B's) over N units:
 *
 *   p_o = Σ_i n_ii / N                          observed agreement
 *   p_e = Σ_i (n_i+ / N) · (n_+i / N)           agreement expected by chance,
 *                                                from each annotator's own marginals
 *   κ   = (p_o − p_e) / (1 − p_e)
 *
 * κ is 1 for perfect agreement, 0 for chance-level agreement, negative below.
 * Edge cases follow `common.ts`: N = 0 → `no-units`; only one category used
 * by both annotators → p_e = p_o = 1, `value: null`, `no-variation`.
 */
import { compareCategories, type Category, type NoValueReason } from "./common";

export interface KappaResult {
  /** The coefficient, or null when it is undefined (see `reason`). */
  value: number | null;
  reason: NoValueReason | null;
  /** Units the figure is computed over. */
  units: number;
  /** p_o (Cohen) or P̄ (Fleiss); null without units. */
  observedAgreement: number | null;
  /** p_e (Cohen) or P̄_e (Fleiss); null without units. */
  expectedAgreement: number | null;
}

export interface CohenKappaResult<C extends Category = Category> extends KappaResult {
  /** Units left out because either annotator gave no category (null or undefined). */
  unitsDropped: number;
  /** The categories of the table, in order (numbers before strings, each ascending). */
  categories: C[];
  /** Counts: table[i][j] = units A put in categories[i] and B in categories[j]. */
  table: number[][];
}

/**
 * Cohen's kappa from a square contingency table of counts (rows A, columns B).
 * `categories` only names the rows; it defaults to 0..k−1.
 */
export function cohenKappaFromTable<C extends Category = number>(
  table: readonly (readonly number[])[],
  categories?: readonly C[],
): CohenKappaResult<C> {
  const k = table.length;
  for (const row of table) {
    if (row.length !== k) throw new RangeError("Cohen's kappa needs a square table");
    for (const n of row) {
      if (!Number.isFinite(n) || n < 0) throw new RangeError(`table entry ${n} is not a non-negative count`);
    }
  }
  if (categories && categories.length !== k) throw new RangeError("one category per row is needed");
  const names = (categories ? [...categories] : table.map((_, i) => i)) as C[];
  const copy = table.map((row) => [...row]);

  let total = 0;
  let diagonal = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      total += table[i][j];
      rows[i] += table[i][j];
      cols[j] += table[i][j];
    }
    diagonal += table[i][i];
  }
  const base = { unitsDropped: 0, categories: names, table: copy, units: total };
  if (total === 0) {
    return { ...base, value: null, reason: "no-units", observedAgreement: null, expectedAgreement: null };
  }
  const used = rows.filter((r, i) => r + cols[i] > 0).length;
  if (used < 2) {
    return { ...base, value: null, reason: "no-variation", observedAgreement: 1, expectedAgreement: 1 };
  }
  const po = diagonal / total;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += (rows[i] / total) * (cols[i] / total);
  return { ...base, value: (po - pe) / (1 - pe), reason: null, observedAgreement: po, expectedAgreement: pe };
}

/**
 * Cohen's kappa of two parallel arrays of categories (a[i] and b[i] describe
 * the same unit). Units where either side is null or undefined are dropped
 * and counted in `unitsDropped`. Throws a RangeError for arrays of unequal length.
 */
export function cohenKappa<C extends Category>(
  a: readonly (C | null | undefined)[],
  b: readonly (C | null | undefined)[],
): CohenKappaResult<C> {
  if (a.length !== b.length) throw new RangeError(`the annotators rated ${a.length} and ${b.length} units`);
  const seen = new Set<C>();
  let dropped = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x == null || y == null) {
      dropped++;
      continue;
    }
    seen.add(x);
    seen.add(y);
  }
  const categories = [...seen].sort(compareCategories);
  const index = new Map(categories.map((c, i) => [c, i]));
  const table = categories.map(() => new Array<number>(categories.length).fill(0));
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x == null || y == null) continue;
    table[index.get(x)!][index.get(y)!]++;
  }
  return { ...cohenKappaFromTable(table, categories), unitsDropped: dropped };
}
