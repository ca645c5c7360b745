/**
 * Carrying annotations from one revision's canonical text to the next.
 */
import { anchorNear, anchorQuote, contextAgreement, type AnchorResult } from "./match-quote";
import type { AnchorSelector } from "./quote-selector";
import { diffTexts, mapRange, type TextDiff } from "./text-diff";
import { createTextIndex, findOccurrences, type TextIndex } from "./text-index";

/**
 * Code units of a quote plus its agreeing context needed before a copy of it
 * found elsewhere (a moved paragraph) is taken for it: a long quote is
 * recognizable by itself, a word only with its surroundings.
 */
const MIN_MOVE_EVIDENCE = 24;

/**
 * Re-anchors annotations made on `oldText` onto `newText`, the result of an
 * edit; results are in input order. The edit's diff (`diffTexts`) decides:
 *
 * - a range whose text the diff carries over unchanged keeps its place
 *   (`exact`), on its own copy of a repeated sentence;
 * - a range whose text the diff carries next to an insertion that repeats it
 *   keeps the copy the diff put it on (`quote`);
 * - a range whose text the edit removed is **orphaned** — never searched for
 *   among the other copies of its quote, which belong to their own
 *   occurrences — unless the same text with its context reappears as new
 *   text (a moved paragraph): it then follows it, flagged `fuzzy` ("moved,
 *   please check");
 * - a range whose text the edit changed in part is matched approximately
 *   where the diff put it (`fuzzy`), else orphaned.
 *
 * A range is never moved onto a span that another annotation already holds
 * after re-anchoring (unless both were on one span before).
 *
 * `editDiff` is the edit's own diff (`textDiffOfDocChanges`, from the
 * editor's record of what it replaced): it says which copy of a repeated
 * passage the edit removed, which comparing the texts cannot. Without it
 * the texts are compared (`diffTexts`), and of equally small explanations
 * of the edit the one that keeps an annotation whole is taken.
 *
 * Callers store the new offsets and a fresh selector
 * (`createQuoteSelector(newText, start, end)`) for anchored results, mark
 * `fuzzy` ones as moved, and keep orphans' old selectors unchanged.
 */
export function reanchorAll(
  oldText: string,
  newText: string,
  annotations: readonly AnchorSelector[],
  options: { editDiff?: TextDiff } = {},
): AnchorResult[] {
  const diff = options.editDiff ?? diffTexts(oldText, newText);
  const claims = new Claims();
  const results: Array<AnchorResult | undefined> = annotations.map((annotation) => {
    const { start, end, exact } = annotation;
    if (oldText.slice(start, end) !== exact) return undefined;
    const mapped = mapRange(diff, start, end);
    if (!mapped.unchanged || mapped.end - mapped.start !== exact.length) return undefined;
    claims.add(mapped.start, mapped.end, groupOf(annotation));
    return { status: "exact", start: mapped.start, end: mapped.end, score: 1 };
  });

  let oldIndex: TextIndex | undefined;
  let newIndex: TextIndex | undefined;
  const context: Context = {
    exactDiff: options.editDiff !== undefined,
    alignmentBudget: ALIGNMENT_BUDGET,
    oldText,
    newText,
    diff,
    claims,
    oldIndex: () => (oldIndex ??= createTextIndex(oldText)),
    newIndex: () => (newIndex ??= createTextIndex(newText)),
  };
  const byGroup = new Map<string, AnchorResult>();
  return annotations.map((annotation, i) => {
    const kept = results[i];
    if (kept) return kept;
    const group = groupOf(annotation);
    let result = byGroup.get(group);
    if (!result) {
      result =
        oldText.slice(annotation.start, annotation.end) === annotation.exact
          ? carryEdited(context, annotation, group)
          : searchByQuote(newText, annotation, group, claims, context.newIndex);
      if (result.status !== "orphaned") claims.add(result.start, result.end, group);
      byGroup.set(group, result);
    }
    return result;
  });
}

/**
 * Finds annotations in `text` by their quotes alone, where no diff says where
 * their text went (a page fetched again, offsets from another copy): by
 * position if the text there still equals the quote, else by quote and
 * context, scoring candidates by prefix/suffix agreement, else fuzzily. Every
 * annotation found anywhere but its stored position is `fuzzy` ("moved,
 * please check"), and none is moved onto a span another one already holds.
 */
export function anchorAllByQuote(text: string, annotations: readonly AnchorSelector[]): AnchorResult[] {
  const claims = new Claims();
  let index: TextIndex | undefined;
  const sharedIndex = () => (index ??= createTextIndex(text));
  const atPosition = annotations.map(
    ({ start, end, exact }) => end - start === exact.length && text.startsWith(exact, start),
  );
  annotations.forEach((a, i) => atPosition[i] && claims.add(a.start, a.end, groupOf(a)));
  return annotations.map((annotation, i) => {
    if (atPosition[i]) return { status: "exact", start: annotation.start, end: annotation.end, score: 1 };
    const group = groupOf(annotation);
    const result = searchByQuote(text, annotation, group, claims, sharedIndex);
    if (result.status !== "orphaned") claims.add(result.start, result.end, group);
    return result;
  });
}

type Context = {
  /** Whether `diff` is the edit's own rather than a comparison of the texts. */
  exactDiff: boolean;
  /** Code units still to be diffed afresh looking for equally small explanations (bounds the time taken). */
  alignmentBudget: number;
  oldText: string;
  newText: string;
  diff: TextDiff;
  claims: Claims;
  oldIndex: () => TextIndex;
  newIndex: () => TextIndex;
};

/** Annotations on one range with one quote re-anchor together. */
function groupOf({ start, end, exact }: AnchorSelector): string {
  return `${start}:${end}:${exact.length}`;
}

/** Which groups hold each span of the new text. */
class Claims {
  private readonly spans = new Map<string, Set<string>>();
  add(start: number, end: number, group: string) {
    const key = `${start}:${end}`;
    const holders = this.spans.get(key);
    if (holders) holders.add(group);
    else this.spans.set(key, new Set([group]));
  }
  /** Whether a group other than `group` holds `[start, end)`. */
  takenByOther(start: number, end: number, group: string): boolean {
    const holders = this.spans.get(`${start}:${end}`);
    return holders !== undefined && [...holders].some((holder) => holder !== group);
  }
}

const ORPHANED: AnchorResult = { status: "orphaned" };

/** An annotation whose range the edit touched. */
function carryEdited(context: Context, annotation: AnchorSelector, group: string): AnchorResult {
  const { oldText, newText, diff, claims } = context;
  const { start, end, exact } = annotation;
  const mapped = mapRange(diff, start, end);

  // Copies of the quote in the new text that are not where the diff carried
  // another old copy: only these can be this annotation's text.
  const others = new Set<number>();
  for (const at of findOccurrences(oldText, exact, exact.length >= 8 ? context.oldIndex() : undefined)) {
    if (at === start) continue;
    const image = mapRange(diff, at, at + exact.length);
    if (image.unchanged) others.add(image.start);
  }
  const free = findOccurrences(newText, exact, exact.length >= 8 ? context.newIndex() : undefined).filter(
    (at) => !others.has(at) && !claims.takenByOther(at, at + exact.length, group),
  );

  // The diff carried the range next to an insertion repeating its text: the
  // copy it lies on (or touches) is its own.
  const near = free.filter((at) => at + exact.length >= mapped.start && at <= mapped.end);
  if (near.length > 0) {
    const at = closest(near, mapped.start);
    return { status: "quote", start: at, end: at + exact.length, score: 1 };
  }

  // The diff is one of several equally small explanations of the edit; if
  // one of them carries the range over whole, it was not edited.
  const kept = context.exactDiff ? undefined : keptByEqualAlignment(context, annotation, mapped.start, free);
  if (kept !== undefined) return { status: "quote", start: kept, end: kept + exact.length, score: 1 };

  // Moved elsewhere with the whole stretch the edit removed around it (a
  // paragraph cut and pasted, repeated sentences and all).
  const moved = followMovedStretch(context, annotation, group);
  if (moved) return moved;

  // Moved elsewhere with its surroundings (a paragraph cut and pasted).
  let best = -1;
  let bestAgreement = -1;
  for (const at of free) {
    const agreement = contextAgreement(newText, at, annotation);
    if (
      agreement > bestAgreement ||
      (agreement === bestAgreement && Math.abs(at - mapped.start) < Math.abs(best - mapped.start))
    ) {
      best = at;
      bestAgreement = agreement;
    }
  }
  const needed = Math.min(MIN_MOVE_EVIDENCE, exact.length + annotation.prefix.length + annotation.suffix.length);
  if (best >= 0 && exact.length + bestAgreement >= needed) {
    return { status: "fuzzy", start: best, end: best + exact.length, score: 1 };
  }

  // Deleted outright: nothing of it survives and nothing replaced it.
  if (survivingUnits(diff, start, end) === 0 && mapped.start === mapped.end && isPureDeletion(diff, start)) {
    return ORPHANED;
  }

  // Changed in place: an approximate match where the diff put it, or nothing.
  const found = anchorNear(newText, annotation, mapped.start);
  if (found.status === "orphaned" || claims.takenByOther(found.start, found.end, group)) return ORPHANED;
  // Not onto text the diff carried from elsewhere (a neighbouring copy of the same sentence).
  if (foreignUnits(diff, start, end, found.start, found.end) > (found.end - found.start) * MAX_FOREIGN_SHARE) {
    return ORPHANED;
  }
  return found;
}

/**
 * Where the stretch of old text the edit removed around the annotation (from
 * the equal run before it to the one after it, blank edges trimmed) was
 * inserted again whole as new text: the annotation keeps its offset within
 * it, flagged `fuzzy` ("moved, please check"). Its own context alone cannot
 * tell apart two copies of a sentence inside one moved paragraph; the
 * stretch can. Undefined when the stretch is shorter than
 * {@link MIN_MOVE_EVIDENCE} or not found whole in inserted text.
 */
function followMovedStretch(context: Context, annotation: AnchorSelector, group: string): AnchorResult | undefined {
  const { diff, oldText, newText, claims } = context;
  const { start, end, exact } = annotation;
  if (survivingUnits(diff, start, end) > 0) return undefined;
  const [gapStart] = alignedPoint(diff, start, -1);
  const [gapEnd] = alignedPoint(diff, end, 1);
  const gap = oldText.slice(gapStart, gapEnd);
  const lead = gap.length - gap.trimStart().length;
  const stretch = gap.trim();
  const offset = start - gapStart - lead;
  if (stretch.length < MIN_MOVE_EVIDENCE || offset < 0 || offset + exact.length > stretch.length) return undefined;
  const mappedStart = mapRange(diff, start, end).start;
  const found = findOccurrences(newText, stretch, context.newIndex())
    .filter((at) => runUnits(diff, 0, diff.oldLength, at, at + stretch.length) === 0)
    .map((at) => at + offset)
    .filter((at) => !claims.takenByOther(at, at + exact.length, group));
  if (found.length === 0) return undefined;
  const at = closest(found, mappedStart);
  return { status: "fuzzy", start: at, end: at + exact.length, score: 1 };
}

/** Old code units either side of a range that are aligned again when looking for an equally small diff keeping it whole. */
const ALIGNMENT_WINDOW = 256;
/** Per this many code units of quote, one matched unit fewer than the diff's is still an equal explanation. */
const ALIGNMENT_SLACK_PER = 16;
/** Code units diffed afresh per call at most, looking for equally small explanations. */
const ALIGNMENT_BUDGET = 500_000;
/** Copies of a quote tried as where an equally small diff would have carried it. */
const MAX_ALIGNMENT_CANDIDATES = 16;

/**
 * A copy of the annotation's quote among `free` onto which an alignment of
 * the text around it, no larger than the diff's own, carries the annotation
 * unchanged — or undefined. A shortest edit script is not unique: next to an
 * insertion that repeats part of the quote (" 𠀋 n" after inserting
 * " 𠀋 of …" before it), the diff may keep the inserted characters and count
 * the annotation's own as deleted. Among explanations of equal size, the one
 * that leaves an analyst's range whole is the truthful one.
 *
 * The comparison is local: between the nearest points the diff aligns at
 * most {@link ALIGNMENT_WINDOW} code units outside the range, the diff's
 * matched units are set against those of an alignment through the candidate
 * copy — first the diff's own runs on either side of it (free), then, within
 * `budget`, a fresh diff of either side.
 */
function keptByEqualAlignment(
  context: Context,
  { start, end, exact }: AnchorSelector,
  mappedStart: number,
  free: readonly number[],
): number | undefined {
  const { diff, oldText, newText } = context;
  const [oldLo, newLo] = alignedPoint(diff, Math.max(0, start - ALIGNMENT_WINDOW), -1);
  const [oldHi, newHi] = alignedPoint(diff, Math.min(diff.oldLength, end + ALIGNMENT_WINDOW), 1);
  const candidates = free
    .filter((at) => at >= newLo && at + exact.length <= newHi)
    .sort((a, b) => Math.abs(a - mappedStart) - Math.abs(b - mappedStart))
    .slice(0, MAX_ALIGNMENT_CANDIDATES);
  if (candidates.length === 0) return undefined;

  // A shortest edit script also splits a range whose text survived whole to
  // save an edit or two (its last newline aligned with an inserted copy's):
  // an explanation a few units longer that keeps it whole is preferred.
  const slack = Math.ceil(exact.length / ALIGNMENT_SLACK_PER);
  const needed = runUnits(diff, oldLo, oldHi, newLo, newHi) - slack;
  // Both alignments span the same windows, so more matched units is fewer edits.
  for (const at of candidates) {
    const around = runUnits(diff, oldLo, start, newLo, at) + runUnits(diff, end, oldHi, at + exact.length, newHi);
    if (around + exact.length >= needed) return at;
  }
  for (const at of candidates) {
    const cost = oldHi - oldLo + (newHi - newLo);
    if (context.alignmentBudget < cost) return undefined;
    context.alignmentBudget -= cost;
    const around =
      matchedUnits(oldText.slice(oldLo, start), newText.slice(newLo, at)) +
      matchedUnits(oldText.slice(end, oldHi), newText.slice(at + exact.length, newHi));
    if (around + exact.length >= needed) return at;
  }
  return undefined;
}

/** Code units the diff's runs align between old `[oldFrom, oldTo)` and new `[newFrom, newTo)`. */
function runUnits(diff: TextDiff, oldFrom: number, oldTo: number, newFrom: number, newTo: number): number {
  const { runs } = diff;
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (runs[mid].oldStart + runs[mid].length <= oldFrom) lo = mid + 1;
    else hi = mid;
  }
  let total = 0;
  for (let i = lo; i < runs.length && runs[i].oldStart < oldTo; i++) {
    const run = runs[i];
    const shift = run.newStart - run.oldStart;
    const from = Math.max(oldFrom, run.oldStart, newFrom - shift);
    const to = Math.min(oldTo, run.oldStart + run.length, newTo - shift);
    total += Math.max(0, to - from);
  }
  return total;
}

/**
 * The old offset nearest `offset` that the diff aligns with a new one, and
 * that new one: `offset` itself inside an equal run, else the end of the
 * run before it (`side` -1) or the start of the run after it (`side` 1).
 */
function alignedPoint({ runs, oldLength, newLength }: TextDiff, offset: number, side: -1 | 1): [number, number] {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (runs[mid].oldStart <= offset) lo = mid + 1;
    else hi = mid;
  }
  const run = runs[lo - 1];
  if (run && offset <= run.oldStart + run.length) return [offset, run.newStart + (offset - run.oldStart)];
  if (side < 0) return run ? [run.oldStart + run.length, run.newStart + run.length] : [0, 0];
  const next = runs[lo];
  return next ? [next.oldStart, next.newStart] : [oldLength, newLength];
}

function matchedUnits(oldText: string, newText: string): number {
  if (oldText.length === 0 || newText.length === 0) return 0;
  return diffTexts(oldText, newText).runs.reduce((sum, run) => sum + run.length, 0);
}

/** Share of an approximate match that may be old text from outside the annotation (its edges, slightly off). */
const MAX_FOREIGN_SHARE = 0.25;

/** Code units of the new `[from, to)` that the diff carried over from old text outside `[start, end)`. */
function foreignUnits(diff: TextDiff, start: number, end: number, from: number, to: number): number {
  let total = 0;
  for (const run of diff.runs) {
    const lo = Math.max(from, run.newStart);
    const hi = Math.min(to, run.newStart + run.length);
    if (hi <= lo) continue;
    const oldLo = run.oldStart + (lo - run.newStart);
    const oldHi = oldLo + (hi - lo);
    total += hi - lo - Math.max(0, Math.min(end, oldHi) - Math.max(start, oldLo));
  }
  return total;
}

/** Code units of `[start, end)` of the old text that the diff carries over. */
function survivingUnits(diff: TextDiff, start: number, end: number): number {
  let total = 0;
  for (const run of diff.runs) {
    if (run.oldStart >= end) break;
    total += Math.max(0, Math.min(end, run.oldStart + run.length) - Math.max(start, run.oldStart));
  }
  return total;
}

/** Whether the old text around `offset`, between two equal runs, was deleted with nothing in its place. */
function isPureDeletion(diff: TextDiff, offset: number): boolean {
  const { runs } = diff;
  let i = runs.length - 1;
  while (i >= 0 && runs[i].oldStart > offset) i--;
  const before = runs[i];
  const after = runs[i + 1];
  const newFrom = before ? before.newStart + before.length : 0;
  const newTo = after ? after.newStart : diff.newLength;
  return newFrom === newTo;
}

function closest(offsets: number[], to: number): number {
  return offsets.reduce((best, at) => (Math.abs(at - to) < Math.abs(best - to) ? at : best));
}

/** Quote search with no diff: every find away from the stored position is a move. */
function searchByQuote(
  text: string,
  annotation: AnchorSelector,
  group: string,
  claims: Claims,
  index: () => TextIndex,
): AnchorResult {
  const { exact } = annotation;
  const occurrences = findOccurrences(text, exact, exact.length >= 8 ? index() : undefined).filter(
    (at) => !claims.takenByOther(at, at + exact.length, group),
  );
  if (occurrences.length > 0) {
    let best = occurrences[0];
    let bestAgreement = -1;
    for (const at of occurrences) {
      const agreement = contextAgreement(text, at, annotation);
      if (
        agreement > bestAgreement ||
        (agreement === bestAgreement && Math.abs(at - annotation.start) < Math.abs(best - annotation.start))
      ) {
        best = at;
        bestAgreement = agreement;
      }
    }
    return { status: "fuzzy", start: best, end: best + exact.length, score: 1 };
  }
  const found = anchorQuote(text, annotation, { index });
  if (found.status === "orphaned" || claims.takenByOther(found.start, found.end, group)) return ORPHANED;
  return found.status === "exact" ? found : { ...found, status: "fuzzy" };
}
