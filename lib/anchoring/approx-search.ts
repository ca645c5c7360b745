/**
 * Approximate string search: Myers' bit-parallel edit-distance algorithm
 * (G. Myers, "A fast bit-vector algorithm for approximate string matching
 * based on dynamic programming", J. ACM 46(3), 1999) in the multi-word form of
 * H. Hyyrö ("A bit-vector algorithm for computing Levenshtein and Damerau
 * edit distances", 2003). A pattern of m UTF-16 code units is scanned over n
 * code units in O(n · ⌈m / 32⌉) whatever the number of errors allowed, which
 * keeps fuzzy anchoring of long quotes bounded.
 *
 * Written here rather than installed: it is about a hundred lines, and
 * anchoring needs to scan a window of a large string in place (no slice
 * copies), forwards and backwards, with its own tie-breaking.
 */

type CompiledPattern = {
  length: number;
  blocks: number;
  /** Bit i of block ⌊i/32⌋ is set where the pattern has that code unit at i. */
  peq: Map<number, Int32Array>;
  none: Int32Array;
  /** The bit of the last pattern row inside the last block. */
  lastBit: number;
};

function compile(pattern: string, reversed: boolean): CompiledPattern {
  const m = pattern.length;
  const blocks = Math.ceil(m / 32);
  const peq = new Map<number, Int32Array>();
  for (let i = 0; i < m; i++) {
    const code = pattern.charCodeAt(reversed ? m - 1 - i : i);
    let masks = peq.get(code);
    if (!masks) peq.set(code, (masks = new Int32Array(blocks)));
    masks[i >> 5] |= 1 << (i & 31);
  }
  return { length: m, blocks, peq, none: new Int32Array(blocks), lastBit: 1 << ((m - 1) & 31) };
}

const TOP_BIT = 1 << 31;

/**
 * Scores `count` columns of text starting at index `first` and moving by
 * `step` (1 or -1). Entry k is the edit distance between the pattern and the
 * best text ending at column k: any text (search) or the text from column 0
 * (anchored).
 */
function scanColumns(
  p: CompiledPattern,
  text: string,
  first: number,
  count: number,
  step: 1 | -1,
  anchored: boolean,
): Int32Array {
  const { blocks, peq, none, lastBit } = p;
  const pv = new Int32Array(blocks).fill(-1);
  const mv = new Int32Array(blocks);
  const out = new Int32Array(count);
  let score = p.length;
  for (let k = 0, j = first; k < count; k++, j += step) {
    const eqs = peq.get(text.charCodeAt(j)) ?? none;
    // Horizontal delta entering the top of the block: 0 for search (row 0 is
    // all zeros), +1 when anchored (row 0 counts the text consumed).
    let hin = anchored ? 1 : 0;
    for (let b = 0; b < blocks; b++) {
      const p0 = pv[b];
      const m0 = mv[b];
      const hinNegative = hin < 0 ? 1 : 0;
      const eq = eqs[b] | hinNegative;
      const xv = eq | m0;
      const xh = (((eq & p0) + p0) ^ p0) | eq;
      let ph = m0 | ~(xh | p0);
      let mh = p0 & xh;
      const bit = b === blocks - 1 ? lastBit : TOP_BIT;
      const hout = (ph & bit) !== 0 ? 1 : (mh & bit) !== 0 ? -1 : 0;
      ph = (ph << 1) | (hin > 0 ? 1 : 0);
      mh = (mh << 1) | hinNegative;
      pv[b] = mh | ~(xv | ph);
      mv[b] = ph & xv;
      hin = hout;
    }
    score += hin;
    out[k] = score;
  }
  return out;
}

/** An approximate occurrence: `text.slice(start, end)` is `errors` edits away from the pattern. */
export type ApproxMatch = { start: number; end: number; errors: number };

/**
 * Extra cost of placing a match's start or end at an offset, e.g. how badly
 * the text there disagrees with the quote's context. Lets equally good (or
 * nearly as good) boundaries be chosen by what surrounds them.
 */
export type BoundaryCost = { start(at: number): number; end(at: number): number };

/** Equally good boundaries up to this far from the first one found are weighed by their cost. */
const BOUNDARY_SLOP = 8;

/**
 * Among the offsets `first + i` (i in `[center - BOUNDARY_SLOP, center +
 * BOUNDARY_SLOP]`) whose score equals `scores[center]`, the index `i` of
 * lowest cost; `center` on ties.
 */
function cheapestTie(
  scores: Int32Array,
  center: number,
  offsetOf: (i: number) => number,
  cost: (at: number) => number,
) {
  let best = center;
  let bestCost = cost(offsetOf(center));
  const last = Math.min(scores.length - 1, center + BOUNDARY_SLOP);
  for (let i = Math.max(0, center - BOUNDARY_SLOP); i <= last; i++) {
    if (i === center || scores[i] !== scores[center]) continue;
    const c = cost(offsetOf(i));
    if (c < bestCost) {
      best = i;
      bestCost = c;
    }
  }
  return best;
}

/**
 * Compiles `pattern` (non-empty) for repeated searches.
 *
 * `search(text, from, to, maxErrors, preferEnd, cost?)` returns the
 * occurrence in `text[from, to)` with the fewest errors (Levenshtein, in code
 * units), ties broken by how close its end is to `preferEnd`; `null` when
 * every occurrence needs more than `maxErrors` edits. With `cost`, the end and
 * then the start move to the cheapest of the equally good boundaries nearby;
 * remaining ties in the start go to the length nearest the pattern's.
 * Boundaries may split a surrogate pair; callers widen them.
 */
export function createApproxSearch(pattern: string) {
  if (pattern === "") throw new RangeError("Cannot search for an empty pattern");
  const forward = compile(pattern, false);
  const backward = compile(pattern, true);
  const m = pattern.length;

  return function search(
    text: string,
    from: number,
    to: number,
    maxErrors: number,
    preferEnd: number,
    cost?: BoundaryCost,
  ): ApproxMatch | null {
    from = Math.max(0, from);
    to = Math.min(text.length, to);
    if (to <= from) return null;
    // ends[k]: fewest edits for a match ending at from + k + 1.
    const ends = scanColumns(forward, text, from, to - from, 1, false);
    const endOf = (k: number) => from + k + 1;
    let bestEnd = 0;
    for (let k = 1; k < ends.length; k++) {
      if (
        ends[k] < ends[bestEnd] ||
        (ends[k] === ends[bestEnd] && Math.abs(endOf(k) - preferEnd) < Math.abs(endOf(bestEnd) - preferEnd))
      ) {
        bestEnd = k;
      }
    }
    const errors = ends[bestEnd];
    if (errors > maxErrors) return null;
    if (cost) bestEnd = cheapestTie(ends, bestEnd, endOf, cost.end);
    const end = endOf(bestEnd);

    // starts[k]: edits for the match text[end - k - 1, end), scanning
    // backwards from the end over the lengths that can reach `errors`.
    const starts = scanColumns(backward, text, end - 1, Math.min(end - from, m + errors), -1, true);
    const startOf = (k: number) => end - k - 1;
    let bestStart = 0;
    for (let k = 1; k < starts.length; k++) {
      if (
        starts[k] < starts[bestStart] ||
        (starts[k] === starts[bestStart] && Math.abs(k + 1 - m) < Math.abs(bestStart + 1 - m))
      ) {
        bestStart = k;
      }
    }
    if (cost) bestStart = cheapestTie(starts, bestStart, startOf, cost.start);
    return { start: startOf(bestStart), end, errors: starts[bestStart] };
  };
}

/** Levenshtein distance between two short strings (code units), O(|a|·|b|). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const row = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(above + 1, row[j - 1] + 1, diagonal + (code === b.charCodeAt(j - 1) ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
