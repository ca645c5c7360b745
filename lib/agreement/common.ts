/**
 * Types and helpers shared by the agreement modules.
 *
 * Edge-case policy (the same for every coefficient in this folder): a
 * coefficient that is 0/0 is reported as `value: null` with a `reason`, never
 * as NaN and never as a made-up 1 or 0. The numbers behind it (units,
 * observed and expected agreement or disagreement) are still returned, so a
 * view can say "100 % observed agreement, κ undefined: no variation".
 *
 * - `"no-units"` — nothing to compare: no units, or (alpha) no unit with two
 *   or more values.
 * - `"single-annotator"` — fewer than two annotators (Fleiss: fewer than two
 *   ratings per unit; alpha: fewer than two coders with any value).
 * - `"no-variation"` — every value given is the same category, so the
 *   agreement expected by chance is already 1 (kappa: p_e = 1; alpha: D_e = 0)
 *   and observed agreement is necessarily 1 as well. The data then cannot
 *   tell agreement from chance, which is why the coefficient is undefined
 *   rather than 1 (Krippendorff, "Computing Krippendorff's Alpha-Reliability",
 *   2011, treats alpha as undefined without variation; scikit-learn's
 *   `cohen_kappa_score` returns NaN here). A view should show the observed
 *   agreement instead.
 *
 * "No variation" is detected structurally (one distinct category or value),
 * not by comparing floating-point results with 1.
 */

export type NoValueReason = "no-units" | "single-annotator" | "no-variation";

/** A category: an entity type, a token label, or any nominal value. */
export type Category = string | number | boolean;

/** One annotation reduced to what agreement needs; offsets are UTF-16 code units into the canonical text, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
  /** The compared category, usually the entity type (or `type:entity` to compare entities). */
  label: string;
}

/** One annotator's spans on one text. */
export interface AnnotatorSpans<S extends Span = Span> {
  annotator: string;
  spans: readonly S[];
}

/** Orders strings by UTF-16 code units: the same order on every machine and locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders categories: numbers and booleans (false < true) before strings, each in its natural order. */
export function compareCategories(a: Category, b: Category): number {
  const rank = (v: Category) => (typeof v === "string" ? 1 : 0);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "string" && typeof b === "string") return compareCodeUnits(a, b);
  return Number(a) - Number(b);
}

/** Throws a RangeError unless `span` has integer offsets with 0 <= start <= end. */
export function assertSpan(span: Span, what = "span"): void {
  if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end < span.start) {
    throw new RangeError(`${what} [${span.start}, ${span.end}) is not a range of non-negative integer offsets`);
  }
  if (typeof span.label !== "string") throw new TypeError(`${what} has no string label`);
}

/** Throws a RangeError when two annotators share an id. */
export function assertDistinctAnnotators(annotators: readonly AnnotatorSpans[]): void {
  const seen = new Set<string>();
  for (const { annotator } of annotators) {
    if (seen.has(annotator)) throw new RangeError(`annotator "${annotator}" appears twice`);
    seen.add(annotator);
  }
}

/** Reading order: start ascending, then the longer span first, then label. */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end || compareCodeUnits(a.label, b.label);
}

/**
 * True when two ranges overlap: they share at least one code unit, or they are
 * identical (so two identical empty spans overlap, and an empty span overlaps
 * a span it lies strictly inside).
 */
export function rangesOverlap(a: Span, b: Span): boolean {
  return (a.start < b.end && b.start < a.end) || (a.start === b.start && a.end === b.end);
}
