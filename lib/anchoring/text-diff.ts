/**
 * A diff of two versions of a text, used to carry annotation offsets from one
 * revision to the next before any searching (ANCHORING.md, "Position").
 *
 * 1. The common prefix and suffix are cut off.
 * 2. The rest is aligned by a shortest edit script over code points (Myers'
 *    O((N+M)·D) algorithm, given up past {@link MAX_EDITS} insertions and
 *    deletions). A few
 *    scattered edits cost little more than one pass, and text between them
 *    maps exactly, so the n-th copy of a repeated sentence stays the n-th.
 * 3. When the texts differ more than that, they are split into tokens (words,
 *    runs of whitespace, single other characters) and aligned the same way;
 *    past that too, by patience diff (tokens occurring once in each version
 *    anchor the alignment by a longest increasing subsequence, recursively),
 *    which stays fast and sensible for wholesale rewrites. Each stretch left
 *    between aligned tokens is then aligned by code points as in 2, or by its
 *    common prefix and suffix when it is too different.
 * 4. A pure insertion or deletion that could slide (its text repeats what
 *    borders it) is slid to the most natural boundary — a paragraph break,
 *    then a line break, a sentence end, whitespace — so a paragraph inserted
 *    above a copy of itself, or one starting with the same words as the next,
 *    is seen as inserted whole.
 *
 * The result is a list of equal runs; offsets inside a run map exactly.
 */

/** A stretch of text both versions share. */
export type EqualRun = { oldStart: number; newStart: number; length: number };

/** Equal runs ascending in both texts, never adjacent in both at once. */
export type TextDiff = { oldLength: number; newLength: number; runs: readonly EqualRun[] };

/** Insertions plus deletions beyond which a shortest edit script is not sought. */
const MAX_EDITS = 1_000;
/** How far a pure insertion or deletion is slid looking for a better boundary. */
const MAX_SLIDE = 1_000;

const TOKEN = /[\p{L}\p{N}\p{M}]+|\s+|[^]/gu;

function isHigh(code: number) {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLow(code: number) {
  return code >= 0xdc00 && code <= 0xdfff;
}

function splitsPair(text: string, at: number) {
  return isLow(text.charCodeAt(at)) && isHigh(text.charCodeAt(at - 1));
}

function commonPrefix(a: string, b: string, aFrom: number, aTo: number, bFrom: number, bTo: number): number {
  const max = Math.min(aTo - aFrom, bTo - bFrom);
  let n = 0;
  while (n < max && a.charCodeAt(aFrom + n) === b.charCodeAt(bFrom + n)) n++;
  // Never end a run between the halves of a surrogate pair.
  if (n > 0 && n < max && isHigh(a.charCodeAt(aFrom + n - 1)) && isLow(a.charCodeAt(aFrom + n))) n--;
  return n;
}

function commonSuffix(a: string, b: string, aFrom: number, aTo: number, bFrom: number, bTo: number): number {
  const max = Math.min(aTo - aFrom, bTo - bFrom);
  let n = 0;
  while (n < max && a.charCodeAt(aTo - 1 - n) === b.charCodeAt(bTo - 1 - n)) n++;
  if (n > 0 && n < max && isLow(a.charCodeAt(aTo - n)) && isHigh(a.charCodeAt(aTo - n - 1))) n--;
  return n;
}

/** Token ids and the text offset of each token, plus the end offset. */
type Tokens = { ids: Int32Array; starts: ArrayLike<number> };

function tokenize(text: string, from: number, to: number, vocabulary: Map<string, number>): Tokens {
  const ids: number[] = [];
  const starts: number[] = [];
  TOKEN.lastIndex = 0;
  const slice = text.slice(from, to);
  for (const match of slice.matchAll(TOKEN)) {
    let id = vocabulary.get(match[0]);
    if (id === undefined) vocabulary.set(match[0], (id = vocabulary.size));
    ids.push(id);
    starts.push(from + match.index);
  }
  starts.push(to);
  return { ids: Int32Array.from(ids), starts };
}

/** Pairs (a index, b index) of tokens unique in both ranges, longest increasing in both. */
function uniqueAnchors(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number): number[] {
  const inA = new Map<number, number>();
  for (let i = aLo; i < aHi; i++) inA.set(a[i], inA.has(a[i]) ? -1 : i);
  const inB = new Map<number, number>();
  for (let j = bLo; j < bHi; j++) if (inA.has(b[j])) inB.set(b[j], inB.has(b[j]) ? -1 : j);
  const pairs: number[] = [];
  for (let i = aLo; i < aHi; i++) {
    const j = inB.get(a[i]);
    if (inA.get(a[i]) === i && j !== undefined && j >= 0) pairs.push(i, j);
  }
  // Longest increasing subsequence of the b indices (patience sorting).
  const count = pairs.length / 2;
  const tails: number[] = [];
  const previous = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const j = pairs[2 * k + 1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pairs[2 * tails[mid] + 1] < j) lo = mid + 1;
      else hi = mid;
    }
    previous[k] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = k;
  }
  const anchors: number[] = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1] : -1; k >= 0; k = previous[k]) {
    anchors.push(pairs[2 * k], pairs[2 * k + 1]);
  }
  const ordered: number[] = [];
  for (let k = anchors.length - 2; k >= 0; k -= 2) ordered.push(anchors[k], anchors[k + 1]);
  return ordered;
}

/**
 * The equal stretches of a shortest edit script between `a[aLo, aHi)` and
 * `b[bLo, bHi)` (Myers' greedy O((N+M)·D) algorithm), as flat triples
 * (a index, b index, length), last first; `null` when the script needs more
 * than `maxEdits` insertions and deletions.
 */
function myersSnakes(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
  maxEdits: number,
): number[] | null {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const limit = Math.min(maxEdits, n + m);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  // trace[d] holds the furthest x on diagonals -d..d after d edits.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(trace, n, m, aLo, bLo);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return null;
}

/** Walks Myers' trace back from (n, m), collecting its diagonal stretches. */
function backtrack(trace: Int32Array[], n: number, m: number, aLo: number, bLo: number): number[] {
  const snakes: number[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const k = x - y;
    let snakeStart = 0;
    let previousX = 0;
    let previousK = 0;
    if (d > 0) {
      const row = trace[d - 1];
      const down = k === -d || (k !== d && row[k - 1 + d - 1] < row[k + 1 + d - 1]);
      previousK = down ? k + 1 : k - 1;
      previousX = row[previousK + d - 1];
      snakeStart = down ? previousX : previousX + 1;
    }
    if (x > snakeStart) snakes.push(aLo + snakeStart, bLo + snakeStart - k, x - snakeStart);
    x = previousX;
    y = previousX - previousK;
  }
  return snakes;
}

/** Equal token stretches as flat triples (a index, b index, length), in any order. */
function diffTokens(a: Int32Array, b: Int32Array): number[] {
  const equal: number[] = [];
  const stack: number[] = [0, a.length, 0, b.length];
  while (stack.length > 0) {
    let bHi = stack.pop()!;
    let bLo = stack.pop()!;
    let aHi = stack.pop()!;
    let aLo = stack.pop()!;
    let head = 0;
    while (aLo + head < aHi && bLo + head < bHi && a[aLo + head] === b[bLo + head]) head++;
    if (head > 0) equal.push(aLo, bLo, head);
    aLo += head;
    bLo += head;
    let tail = 0;
    while (aHi - tail > aLo && bHi - tail > bLo && a[aHi - 1 - tail] === b[bHi - 1 - tail]) tail++;
    aHi -= tail;
    bHi -= tail;
    if (tail > 0) equal.push(aHi, bHi, tail);
    if (aLo === aHi || bLo === bHi) continue;
    const snakes = myersSnakes(a, aLo, aHi, b, bLo, bHi, MAX_EDITS);
    if (snakes) {
      for (const value of snakes) equal.push(value);
      continue;
    }
    const anchors = uniqueAnchors(a, aLo, aHi, b, bLo, bHi);
    if (anchors.length > 0) {
      let i = aLo;
      let j = bLo;
      for (let k = 0; k < anchors.length; k += 2) {
        stack.push(i, anchors[k], j, anchors[k + 1]);
        equal.push(anchors[k], anchors[k + 1], 1);
        i = anchors[k] + 1;
        j = anchors[k + 1] + 1;
      }
      stack.push(i, aHi, j, bHi);
    }
  }
  return equal;
}

/** How natural a cut of `text` at `at` is, for placing an insertion or deletion. */
function boundaryScore(text: string, at: number): number {
  // The text's edges count as paragraph breaks.
  if (at <= 0 || at >= text.length) return 5;
  const before = text[at - 1];
  const after = text[at];
  if ((before === "\n" && text[at - 2] === "\n") || (after === "\n" && text[at + 1] === "\n")) return 5;
  if (before === "\n" || after === "\n") return 4;
  const spaceBefore = /\s/.test(before);
  const spaceAfter = /\s/.test(after);
  if (/[.!?…]/.test(before) && spaceAfter) return 3;
  if (spaceBefore || spaceAfter) return 2;
  if (!/[\p{L}\p{N}\p{M}]/u.test(before) || !/[\p{L}\p{N}\p{M}]/u.test(after)) return 1;
  return 0;
}

/**
 * Slides the insertion `text[from, to)` (bordered by equal runs of `left` and
 * `right` code units) to its best boundary; returns the shift.
 */
function bestSlide(text: string, from: number, to: number, left: number, right: number): number {
  let maxLeft = 0;
  while (maxLeft < Math.min(left, MAX_SLIDE) && text[from - 1 - maxLeft] === text[to - 1 - maxLeft]) maxLeft++;
  let maxRight = 0;
  while (maxRight < Math.min(right, MAX_SLIDE) && text[from + maxRight] === text[to + maxRight]) maxRight++;
  let best = 0;
  let bestScore = -1;
  for (let shift = -maxLeft; shift <= maxRight; shift++) {
    if (splitsPair(text, from + shift) || splitsPair(text, to + shift)) continue;
    const score = boundaryScore(text, from + shift) + boundaryScore(text, to + shift);
    if (score > bestScore || (score === bestScore && Math.abs(shift) < Math.abs(best))) {
      best = shift;
      bestScore = score;
    }
  }
  return best;
}

function pushRun(runs: EqualRun[], oldStart: number, newStart: number, length: number) {
  if (length <= 0) return;
  const last = runs[runs.length - 1];
  if (last && last.oldStart + last.length === oldStart && last.newStart + last.length === newStart) {
    last.length += length;
  } else {
    runs.push({ oldStart, newStart, length });
  }
}

/** Diffs two versions of a text (see the module notes). */
export function diffTexts(oldText: string, newText: string): TextDiff {
  const oldLength = oldText.length;
  const newLength = newText.length;
  const prefix = commonPrefix(oldText, newText, 0, oldLength, 0, newLength);
  const suffix = commonSuffix(oldText, newText, prefix, oldLength, prefix, newLength);
  const oldTo = oldLength - suffix;
  const newTo = newLength - suffix;
  const runs: EqualRun[] = [];
  pushRun(runs, 0, 0, prefix);
  if (prefix < oldTo && prefix < newTo && !alignCodePoints(oldText, prefix, oldTo, newText, prefix, newTo, runs)) {
    alignTokens(oldText, prefix, oldTo, newText, prefix, newTo, runs);
  }
  pushRun(runs, oldTo, newTo, suffix);
  return { oldLength, newLength, runs: slidePureEdits(oldText, newText, runs) };
}

/** Code points of `text[from, to)` and their offsets (plus `to`). */
function codePoints(text: string, from: number, to: number): Tokens {
  const ids = new Int32Array(to - from);
  const starts = new Int32Array(to - from + 1);
  let count = 0;
  for (let at = from; at < to; count++) {
    const code = text.charCodeAt(at);
    starts[count] = at;
    const low = at + 1 < to ? text.charCodeAt(at + 1) : 0;
    if (isHigh(code) && isLow(low)) {
      ids[count] = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
      at += 2;
    } else {
      ids[count] = code;
      at++;
    }
  }
  starts[count] = to;
  return { ids: ids.subarray(0, count), starts: starts.subarray(0, count + 1) };
}

/** Pushes equal stretches (triples of token indices, last first) as runs. */
function pushSnakes(runs: EqualRun[], snakes: number[], a: Tokens, b: Tokens) {
  for (let k = snakes.length - 3; k >= 0; k -= 3) {
    const i = snakes[k];
    pushRun(runs, a.starts[i], b.starts[snakes[k + 1]], a.starts[i + snakes[k + 2]] - a.starts[i]);
  }
}

/** Aligns two stretches by a shortest edit script over code points; false when they differ too much. */
function alignCodePoints(
  oldText: string,
  oldFrom: number,
  oldTo: number,
  newText: string,
  newFrom: number,
  newTo: number,
  runs: EqualRun[],
): boolean {
  const a = codePoints(oldText, oldFrom, oldTo);
  const b = codePoints(newText, newFrom, newTo);
  const snakes = myersSnakes(a.ids, 0, a.ids.length, b.ids, 0, b.ids.length, MAX_EDITS);
  if (snakes) pushSnakes(runs, snakes, a, b);
  return snakes !== null;
}

/** Aligns two very different stretches by tokens, then each stretch between aligned tokens. */
function alignTokens(
  oldText: string,
  oldFrom: number,
  oldTo: number,
  newText: string,
  newFrom: number,
  newTo: number,
  runs: EqualRun[],
) {
  const vocabulary = new Map<string, number>();
  const a = tokenize(oldText, oldFrom, oldTo, vocabulary);
  const b = tokenize(newText, newFrom, newTo, vocabulary);
  const partner = new Int32Array(a.ids.length).fill(-1);
  const stretches = diffTokens(a.ids, b.ids);
  for (let k = 0; k < stretches.length; k += 3) {
    for (let t = 0; t < stretches[k + 2]; t++) partner[stretches[k] + t] = stretches[k + 1] + t;
  }

  let oldAt = oldFrom;
  let newAt = newFrom;
  const gap = (oldGapEnd: number, newGapEnd: number) => {
    if (
      oldAt < oldGapEnd &&
      newAt < newGapEnd &&
      !alignCodePoints(oldText, oldAt, oldGapEnd, newText, newAt, newGapEnd, runs)
    ) {
      const head = commonPrefix(oldText, newText, oldAt, oldGapEnd, newAt, newGapEnd);
      pushRun(runs, oldAt, newAt, head);
      const tail = commonSuffix(oldText, newText, oldAt + head, oldGapEnd, newAt + head, newGapEnd);
      pushRun(runs, oldGapEnd - tail, newGapEnd - tail, tail);
    }
  };
  for (let i = 0; i < partner.length; i++) {
    const j = partner[i];
    if (j < 0) continue;
    gap(a.starts[i], b.starts[j]);
    const length = a.starts[i + 1] - a.starts[i];
    pushRun(runs, a.starts[i], b.starts[j], length);
    oldAt = a.starts[i] + length;
    newAt = b.starts[j] + length;
  }
  gap(oldTo, newTo);
}

/** Moves each pure insertion or deletion between two runs to its best boundary. */
function slidePureEdits(oldText: string, newText: string, runs: EqualRun[]): EqualRun[] {
  for (let r = 0; r <= runs.length; r++) {
    const before = runs[r - 1];
    const after = runs[r];
    const oldFrom = before ? before.oldStart + before.length : 0;
    const newFrom = before ? before.newStart + before.length : 0;
    const oldTo = after ? after.oldStart : oldText.length;
    const newTo = after ? after.newStart : newText.length;
    const inserted = oldFrom === oldTo && newFrom < newTo;
    const deleted = newFrom === newTo && oldFrom < oldTo;
    if (!inserted && !deleted) continue;
    const shift = inserted
      ? bestSlide(newText, newFrom, newTo, before?.length ?? 0, after?.length ?? 0)
      : bestSlide(oldText, oldFrom, oldTo, before?.length ?? 0, after?.length ?? 0);
    if (shift === 0) continue;
    if (before) before.length += shift;
    if (after) {
      after.oldStart += shift;
      after.newStart += shift;
      after.length -= shift;
    } else {
      // Sliding right needs a run after; sliding left without one creates it.
      runs.push({ oldStart: oldTo + shift, newStart: newTo + shift, length: -shift });
    }
  }
  return runs.filter((run) => run.length > 0);
}

/** Index of the last run starting at or before `offset` in the old text, or -1. */
function runAtOrBefore(runs: readonly EqualRun[], offset: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (runs[mid].oldStart <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Where an offset of the old text is in the new text. Inside an equal run it
 * is exact. Where text was inserted at the offset, `side: -1` stays before the
 * insertion and `side: 1` goes after it. Inside replaced text it is an
 * estimate, proportional within the replacement.
 */
export function mapOffset(diff: TextDiff, offset: number, side: -1 | 1 = 1): number {
  const { runs } = diff;
  const offsetIn = Math.min(Math.max(0, offset), diff.oldLength);
  const i = runAtOrBefore(runs, offsetIn);
  const run = runs[i];
  const previous = runs[i - 1];
  if (run && offsetIn === run.oldStart && side === -1 && previous && previous.oldStart + previous.length === offsetIn) {
    return previous.newStart + previous.length;
  }
  if (run && offsetIn <= run.oldStart + run.length) return run.newStart + (offsetIn - run.oldStart);
  const oldFrom = run ? run.oldStart + run.length : 0;
  const newFrom = run ? run.newStart + run.length : 0;
  const next = runs[i + 1];
  const oldTo = next ? next.oldStart : diff.oldLength;
  const newTo = next ? next.newStart : diff.newLength;
  return newFrom + Math.round(((offsetIn - oldFrom) * (newTo - newFrom)) / Math.max(1, oldTo - oldFrom));
}

/**
 * Maps the old range `[start, end)` to the new text, start on side 1 and end
 * on side -1 (text inserted at either edge stays outside). `unchanged` is true
 * when the whole range lies in one equal run: its text is then the same.
 */
export function mapRange(
  diff: TextDiff,
  start: number,
  end: number,
): { start: number; end: number; unchanged: boolean } {
  const i = runAtOrBefore(diff.runs, start);
  const run = diff.runs[i];
  const unchanged = run !== undefined && start >= run.oldStart && end <= run.oldStart + run.length && start <= end;
  const newStart = mapOffset(diff, start, 1);
  return { start: newStart, end: Math.max(newStart, mapOffset(diff, end, -1)), unchanged };
}
