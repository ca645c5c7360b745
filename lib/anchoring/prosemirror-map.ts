/**
 * Conversions between canonical text offsets and ProseMirror document
 * positions, through the segment table of `canonicalTextWithMap` /
 * `canonicalTextMapOfNode` (the same walker as `canonicalText`). Each
 * conversion is a binary search over the segments: O(log blocks).
 *
 * Most offsets and positions correspond one to one. The rest snap:
 *
 * - A text offset strictly inside a block separator (between the two `"\n"`)
 *   has no position; `side: -1` gives the end of the block before,
 *   `side: 1` the start of the block after.
 * - A text offset where text-less inline nodes sit between two characters
 *   (possible only with inline atoms) has several positions; `side: -1` gives
 *   the one right after the preceding character, `side: 1` the one right
 *   before the following character.
 * - A position between blocks, inside an empty block or on a horizontal rule
 *   has no text offset; `side: -1` gives the end of the text before it,
 *   `side: 1` the start of the text after it.
 * - Offsets and positions beyond either end clamp to the text's first or last
 *   offset. A document without text maps everything to offset 0 and
 *   position 0.
 *
 * So a text range `[start, end)` maps to the tightest document range with
 * `start` on side 1 and `end` on side -1 ({@link textRangeToPosRange}), and a
 * document selection maps to the text it covers the same way
 * ({@link posRangeToTextRange}).
 */
import type { CanonicalTextMap, TextSegment } from "./canonical-text";

/** Which neighbour an ambiguous offset or position snaps to. */
export type Side = -1 | 1;

/** Index of the last segment whose `key` is ≤ value, or -1. */
function lastAtOrBefore(segments: readonly TextSegment[], key: "textStart" | "pmStart", value: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid][key] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The document position of a canonical text offset (see the module notes for `side`). */
export function textOffsetToPos(map: CanonicalTextMap, offset: number, side: Side = 1): number {
  const { segments } = map;
  if (segments.length === 0) return 0;
  const i = lastAtOrBefore(segments, "textStart", offset);
  if (i < 0) return segments[0].pmStart;
  const segment = segments[i];
  const previous = segments[i - 1];
  if (offset === segment.textStart && side === -1 && previous && previous.textStart + previous.length === offset) {
    return previous.pmStart + previous.length;
  }
  const end = segment.textStart + segment.length;
  if (offset <= end) return segment.pmStart + (offset - segment.textStart);
  const next = segments[i + 1];
  return side === 1 && next ? next.pmStart : segment.pmStart + segment.length;
}

/** The canonical text offset of a document position (see the module notes for `side`). */
export function posToTextOffset(map: CanonicalTextMap, pos: number, side: Side = -1): number {
  const { segments } = map;
  if (segments.length === 0) return 0;
  const i = lastAtOrBefore(segments, "pmStart", pos);
  if (i < 0) return segments[0].textStart;
  const segment = segments[i];
  if (pos <= segment.pmStart + segment.length) return segment.textStart + (pos - segment.pmStart);
  const next = segments[i + 1];
  return side === 1 && next ? next.textStart : segment.textStart + segment.length;
}

/**
 * The tightest document range showing the text `[start, end)`. A range that
 * covers no character (inside a separator) collapses to `from === to`.
 */
export function textRangeToPosRange(map: CanonicalTextMap, start: number, end: number): { from: number; to: number } {
  const from = textOffsetToPos(map, start, 1);
  const to = textOffsetToPos(map, end, -1);
  return { from, to: Math.max(from, to) };
}

/**
 * The canonical text range a document range covers. A range that covers no
 * text collapses to `start === end`.
 */
export function posRangeToTextRange(map: CanonicalTextMap, from: number, to: number): { start: number; end: number } {
  const start = posToTextOffset(map, from, 1);
  const end = posToTextOffset(map, to, -1);
  return { start, end: Math.max(start, end) };
}
