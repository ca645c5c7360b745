/**
 * Finding an annotation's text again, in ANCHORING.md's order:
 *
 * 1. **position** — the stored offsets still slice to `exact`;
 * 2. **quote** — every occurrence of `exact`, the one whose surroundings agree
 *    with `prefix`/`suffix` on the most characters (counted outwards from the
 *    occurrence), ties broken by distance from the stored position;
 * 3. **fuzzy** — the best approximate match, first within a few hundred
 *    characters of the stored position, then anywhere the quote's or its
 *    context's 8-grams point to. Its score is the similarity of
 *    `prefix + exact + suffix` with the text around the match:
 *    `1 − (edits in quote + edits in prefix + edits in suffix) / (their total
 *    length)`; it must reach {@link FUZZY_THRESHOLD}, and the quote alone may
 *    differ by at most 25% of its length. Context counts in proportion to its
 *    length, so a short quote needs its surroundings to be recognizable, and
 *    a long one is judged by itself. Quotes over {@link LONG_QUOTE_LENGTH}
 *    are located by their first and last {@link QUOTE_END_LENGTH} code units
 *    and judged by a diff (`diffTexts`) of what lies between, which keeps the
 *    cost near linear;
 * 4. **orphaned** — none of the above.
 *
 * The work is bounded: stage 2 is one scan or one index lookup; stage 3
 * scans at most {@link MAX_CANDIDATES} windows of about the quote's length
 * plus the local window, each in O(window · ⌈quote / 32⌉).
 */
import { createApproxSearch, editDistance, type BoundaryCost } from "./approx-search";
import { QUOTE_CONTEXT_LENGTH, type AnchorSelector, type QuoteSelector } from "./quote-selector";
import { diffTexts } from "./text-diff";
import { GRAM_LENGTH, createTextIndex, findOccurrences, gramPositions, type TextIndex } from "./text-index";
import { splitsSurrogatePair } from "./unicode";

/** Lowest similarity (0–1) of quote and context at which a fuzzy match is accepted. */
export const FUZZY_THRESHOLD = 0.75;
/** Quotes longer than this (code units) are matched by their two ends. */
export const LONG_QUOTE_LENGTH = 2048;
/** Length of each end used to match a long quote. */
export const QUOTE_END_LENGTH = 512;
/** Distance around the stored position searched before the whole text. */
const LOCAL_RADIUS = 256;
/** Grams sampled from the quote and its context to find candidate places. */
const MAX_SEEDS = 32;
/** A gram found more often than this says nothing about where a quote is. */
const MAX_GRAM_HITS = 64;
/** Candidate places at most this far apart vote together. */
const BIN = 64;
/** Candidate windows verified, most voted first. */
const MAX_CANDIDATES = 8;

/** How an annotation was found. `fuzzy` means "moved, please check". */
export type AnchorStatus = "exact" | "quote" | "fuzzy" | "orphaned";

/**
 * Where an annotation is now. `start`/`end` are UTF-16 offsets into the
 * searched text, never splitting a surrogate pair. `score` is 1 for `exact`
 * and `quote` (the quoted text is unchanged), the similarity for `fuzzy`.
 */
export type AnchorResult =
  | { status: "exact" | "quote" | "fuzzy"; start: number; end: number; score: number }
  | { status: "orphaned"; start?: undefined; end?: undefined; score?: undefined };

export type AnchorOptions = {
  /**
   * An index of the text, or a function building one on first use: share one
   * across many annotations of the same text. Without it, stage 2 scans the
   * text and stage 3 builds an index only if it gets that far.
   */
  index?: TextIndex | (() => TextIndex);
};

const ORPHANED: AnchorResult = { status: "orphaned" };

type Candidate = { start: number; end: number; score: number };

/**
 * Finds `selector`'s quote in `text`, trying its stored `start`/`end` first
 * (see the module notes). Never throws; an empty `exact` is orphaned.
 */
export function anchorQuote(text: string, selector: AnchorSelector, options: AnchorOptions = {}): AnchorResult {
  const { exact } = selector;
  if (exact === "") return ORPHANED;
  const expected = Number.isFinite(selector.start) ? Math.min(Math.max(0, Math.round(selector.start)), text.length) : 0;

  if (
    selector.end - selector.start === exact.length &&
    expected === selector.start &&
    text.startsWith(exact, expected)
  ) {
    return { status: "exact", start: expected, end: expected + exact.length, score: 1 };
  }

  let built: TextIndex | undefined;
  const given = options.index;
  const index = () => (typeof given === "function" ? given() : (given ?? (built ??= createTextIndex(text))));

  const occurrences = findOccurrences(text, exact, given ? index() : undefined);
  if (occurrences.length > 0) {
    const start = bestOccurrence(text, selector, occurrences, expected);
    return { status: "quote", start, end: start + exact.length, score: 1 };
  }

  const found =
    exact.length > LONG_QUOTE_LENGTH
      ? fuzzyLongMatch(text, selector, expected, index)
      : fuzzyMatch(text, selector, expected, index);
  return found ? { status: "fuzzy", ...found } : ORPHANED;
}

/**
 * Stage 3 only, and only near `expected` (within a few hundred characters):
 * the best approximate match of `selector`'s quote with its context, as a
 * `fuzzy` result ("moved, please check"), or orphaned. For a range an edit
 * changed in place, where looking anywhere else would guess.
 */
export function anchorNear(text: string, selector: QuoteSelector, expected: number): AnchorResult {
  if (selector.exact === "") return ORPHANED;
  const at = Math.min(Math.max(0, Math.round(expected)), text.length);
  const found =
    selector.exact.length > LONG_QUOTE_LENGTH
      ? fuzzyLongMatch(text, selector, at, null)
      : fuzzyMatch(text, selector, at, null);
  return found ? { status: "fuzzy", ...found } : ORPHANED;
}

/** Characters of context that agree around the occurrence at `at`, counted outwards. */
export function contextAgreement(text: string, at: number, { exact, prefix, suffix }: QuoteSelector): number {
  let before = 0;
  while (
    before < prefix.length &&
    before < at &&
    text.charCodeAt(at - 1 - before) === prefix.charCodeAt(prefix.length - 1 - before)
  ) {
    before++;
  }
  const end = at + exact.length;
  let after = 0;
  while (after < suffix.length && text.charCodeAt(end + after) === suffix.charCodeAt(after)) after++;
  return before + after;
}

function bestOccurrence(text: string, selector: QuoteSelector, occurrences: number[], expected: number): number {
  let best = occurrences[0];
  let bestAgreement = -1;
  for (const at of occurrences) {
    const agreement = contextAgreement(text, at, selector);
    if (
      agreement > bestAgreement ||
      (agreement === bestAgreement && Math.abs(at - expected) < Math.abs(best - expected))
    ) {
      best = at;
      bestAgreement = agreement;
    }
  }
  return best;
}

/** Similarity of `prefix + exact + suffix` with the text around `[start, end)`, given the quote's edits. */
function similarity(text: string, start: number, end: number, quoteErrors: number, selector: QuoteSelector): number {
  const { exact, prefix, suffix } = selector;
  const prefixErrors = editDistance(prefix, text.slice(Math.max(0, start - prefix.length), start));
  const suffixErrors = editDistance(suffix, text.slice(end, end + suffix.length));
  return 1 - (quoteErrors + prefixErrors + suffixErrors) / (exact.length + prefix.length + suffix.length);
}

function widen(text: string, start: number, end: number): [number, number] {
  return [splitsSurrogatePair(text, start) ? start - 1 : start, splitsSurrogatePair(text, end) ? end + 1 : end];
}

function better(a: Candidate, b: Candidate | null, expected: number): boolean {
  return (
    !b || a.score > b.score || (a.score === b.score && Math.abs(a.start - expected) < Math.abs(b.start - expected))
  );
}

/**
 * Windows (sorted, disjoint) where `selector` probably is: starts predicted by
 * sampled grams of `prefix + exact + suffix`, most voted first.
 */
function candidateWindows(
  index: TextIndex,
  { exact, prefix, suffix }: QuoteSelector,
  slack: number,
  expected: number,
): Array<[number, number]> {
  const pattern = prefix + exact + suffix;
  if (pattern.length < GRAM_LENGTH) return [];
  const last = pattern.length - GRAM_LENGTH;
  const samples = Math.min(MAX_SEEDS, Math.floor(pattern.length / GRAM_LENGTH));
  const votes = new Map<number, { count: number; sum: number }>();
  for (let s = 0; s < samples; s++) {
    const offset = samples === 1 ? 0 : Math.round((s * last) / (samples - 1));
    const hits = gramPositions(index, pattern.slice(offset, offset + GRAM_LENGTH), MAX_GRAM_HITS);
    for (const hit of hits ?? []) {
      const start = hit - offset + prefix.length;
      const bin = Math.floor(start / BIN);
      const vote = votes.get(bin);
      if (vote) {
        vote.count++;
        vote.sum += start;
      } else {
        votes.set(bin, { count: 1, sum: start });
      }
    }
  }
  const centres = [...votes.values()]
    .map(({ count, sum }) => ({ count, centre: Math.round(sum / count) }))
    .sort((a, b) => b.count - a.count || Math.abs(a.centre - expected) - Math.abs(b.centre - expected))
    .slice(0, MAX_CANDIDATES)
    .map(({ centre }): [number, number] => [centre - slack - BIN, centre + exact.length + slack + BIN])
    .sort((a, b) => a[0] - b[0]);
  const windows: Array<[number, number]> = [];
  for (const window of centres) {
    const previous = windows[windows.length - 1];
    if (previous && window[0] <= previous[1]) previous[1] = Math.max(previous[1], window[1]);
    else windows.push(window);
  }
  return windows;
}

function fuzzyMatch(
  text: string,
  selector: QuoteSelector,
  expected: number,
  index: (() => TextIndex) | null,
): Candidate | null {
  const m = selector.exact.length;
  const maxErrors = Math.floor(m * (1 - FUZZY_THRESHOLD));
  if (maxErrors === 0) return null;
  const search = createApproxSearch(selector.exact);
  const { prefix, suffix } = selector;
  const contextCost: BoundaryCost = {
    start: (at) => editDistance(prefix, text.slice(Math.max(0, at - prefix.length), at)),
    end: (at) => editDistance(suffix, text.slice(at, at + suffix.length)),
  };
  const evaluate = (from: number, to: number): Candidate | null => {
    const found = search(text, from, to, maxErrors, expected + m, contextCost);
    if (!found) return null;
    const [start, end] = widen(text, found.start, found.end);
    return { start, end, score: similarity(text, start, end, found.errors, selector) };
  };

  const nearFrom = expected - maxErrors - LOCAL_RADIUS;
  const nearTo = expected + m + maxErrors + LOCAL_RADIUS;
  let best = evaluate(nearFrom, nearTo);
  if ((best && best.score >= FUZZY_THRESHOLD) || !index) return best && best.score >= FUZZY_THRESHOLD ? best : null;
  for (const [from, to] of candidateWindows(index(), selector, maxErrors, expected)) {
    if (from >= nearFrom && to <= nearTo) continue;
    const candidate = evaluate(from, to);
    if (candidate && better(candidate, best, expected)) best = candidate;
  }
  return best && best.score >= FUZZY_THRESHOLD ? best : null;
}

/** `at`, moved back one code unit if it falls inside a surrogate pair of `text`. */
function safeCut(text: string, at: number): number {
  return splitsSurrogatePair(text, at) ? at - 1 : at;
}

/**
 * A long quote: its two ends are matched as short quotes (each with the
 * annotation's outer context and its own inner text as context), and the
 * text from one to the other is compared with the quote by `diffTexts`; its
 * edits are estimated from the shared length (`m · (1 − 2·equal / (m + found))`).
 */
function fuzzyLongMatch(
  text: string,
  selector: QuoteSelector,
  expected: number,
  index: (() => TextIndex) | null,
): Candidate | null {
  const { exact, prefix, suffix } = selector;
  const m = exact.length;
  const headEnd = safeCut(exact, QUOTE_END_LENGTH);
  const tailStart = safeCut(exact, m - QUOTE_END_LENGTH);
  const head = fuzzyMatch(
    text,
    {
      exact: exact.slice(0, headEnd),
      prefix,
      suffix: exact.slice(headEnd, safeCut(exact, headEnd + QUOTE_CONTEXT_LENGTH)),
    },
    expected,
    index,
  );
  if (!head) return null;
  const tail = fuzzyMatch(
    text,
    {
      exact: exact.slice(tailStart),
      prefix: exact.slice(safeCut(exact, tailStart - QUOTE_CONTEXT_LENGTH), tailStart),
      suffix,
    },
    head.start + tailStart,
    index,
  );
  if (!tail || tail.end <= head.start) return null;
  const found = text.slice(head.start, tail.end);
  const maxErrors = m * (1 - FUZZY_THRESHOLD);
  if (Math.abs(found.length - m) > maxErrors) return null;
  let equal = 0;
  for (const run of diffTexts(exact, found).runs) equal += run.length;
  const quoteErrors = m * (1 - (2 * equal) / (m + found.length));
  if (quoteErrors > maxErrors) return null;
  const score = similarity(text, head.start, tail.end, quoteErrors, selector);
  return score >= FUZZY_THRESHOLD ? { start: head.start, end: tail.end, score } : null;
}
