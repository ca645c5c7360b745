/**
 * A q-gram index of one text: every position where each run of
 * {@link GRAM_LENGTH} code units occurs, in hashed buckets. Built in one O(n)
 * pass (about 12 bytes per code unit), it turns "where does this quote occur"
 * and "where could this edited quote be" into lookups, so re-anchoring
 * thousands of annotations does not scan the text once per annotation.
 */

/** Code units per indexed gram. */
export const GRAM_LENGTH = 8;

export type TextIndex = {
  readonly text: string;
  /** Most recent position of each bucket's chain, -1 when empty. */
  readonly heads: Int32Array;
  /** Earlier position in the same bucket, -1 at the chain's end. */
  readonly next: Int32Array;
  /** Positions per bucket: an upper bound on any one gram's occurrences. */
  readonly counts: Int32Array;
  readonly shift: number;
};

const BASE = 31;
const BASE_POW = (() => {
  let pow = 1;
  for (let i = 1; i < GRAM_LENGTH; i++) pow = Math.imul(pow, BASE);
  return pow;
})();

function bucketOf(hash: number, shift: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> shift;
}

function hashAt(text: string, at: number): number {
  let hash = 0;
  for (let i = 0; i < GRAM_LENGTH; i++) hash = (Math.imul(hash, BASE) + text.charCodeAt(at + i)) | 0;
  return hash;
}

/** Indexes every gram of `text`. */
export function createTextIndex(text: string): TextIndex {
  const grams = Math.max(0, text.length - GRAM_LENGTH + 1);
  const bits = Math.min(22, Math.max(8, Math.ceil(Math.log2(grams + 1))));
  const shift = 32 - bits;
  const heads = new Int32Array(1 << bits).fill(-1);
  const counts = new Int32Array(1 << bits);
  const next = new Int32Array(grams);
  let hash = grams > 0 ? hashAt(text, 0) : 0;
  for (let i = 0; i < grams; i++) {
    if (i > 0) {
      hash =
        (Math.imul(hash - Math.imul(text.charCodeAt(i - 1), BASE_POW), BASE) + text.charCodeAt(i + GRAM_LENGTH - 1)) |
        0;
    }
    const bucket = bucketOf(hash, shift);
    next[i] = heads[bucket];
    heads[bucket] = i;
    counts[bucket]++;
  }
  return { text, heads, next, counts, shift };
}

/**
 * Positions (descending) where `gram` ({@link GRAM_LENGTH} code units) occurs,
 * or `null` when its bucket holds more than `limit` positions: such a gram is
 * too common to say where anything is.
 */
export function gramPositions(index: TextIndex, gram: string, limit: number): number[] | null {
  const bucket = bucketOf(hashAt(gram, 0), index.shift);
  if (index.counts[bucket] > limit) return null;
  const positions: number[] = [];
  for (let i = index.heads[bucket]; i >= 0; i = index.next[i]) {
    if (index.text.startsWith(gram, i)) positions.push(i);
  }
  return positions;
}

/**
 * Every start (ascending, overlaps included) of `needle` (non-empty) in
 * `text`. With an index of `text`, walks the bucket of the needle's rarest
 * sampled gram instead of scanning the text.
 */
export function findOccurrences(text: string, needle: string, index?: TextIndex): number[] {
  const found: number[] = [];
  if (needle === "") return found;
  if (!index || index.text !== text || needle.length < GRAM_LENGTH) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push(at);
    return found;
  }
  const last = needle.length - GRAM_LENGTH;
  const samples = Math.min(8, last + 1);
  let bestOffset = 0;
  let bestBucket = -1;
  for (let s = 0; s < samples; s++) {
    const offset = samples === 1 ? 0 : Math.round((s * last) / (samples - 1));
    const bucket = bucketOf(hashAt(needle, offset), index.shift);
    if (bestBucket < 0 || index.counts[bucket] < index.counts[bestBucket]) {
      bestBucket = bucket;
      bestOffset = offset;
    }
  }
  for (let i = index.heads[bestBucket]; i >= 0; i = index.next[i]) {
    const at = i - bestOffset;
    if (at >= 0 && text.startsWith(needle, at)) found.push(at);
  }
  return found.reverse();
}
