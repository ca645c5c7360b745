import { splitsSurrogatePair } from "@/lib/anchoring/unicode";

type Span = { start: number; end: number };

/** Longest paragraph shown whole in the passages panel; longer ones are cut around their highlights. */
export const MAX_EXCERPT_LENGTH = 600;
/** Text kept before the first highlight when a paragraph is cut (at most a quarter of the excerpt). */
const LEAD = 160;

export type Excerpt<H extends Span> = { text: string; cutBefore: boolean; cutAfter: boolean; highlights: H[] };

/** Moves an offset off the middle of a surrogate pair (towards `direction`), so a cut never halves an emoji. */
function snap(text: string, offset: number, direction: -1 | 1): number {
  return splitsSurrogatePair(text, offset) ? offset + direction : offset;
}

/**
 * The part of a paragraph to show for its highlights (UTF-16 offsets into
 * `paragraph`): the whole paragraph when short, else a window that opens a
 * little before the first highlight. Highlights are shifted into the
 * excerpt's offsets and clipped to it; any wholly outside are dropped.
 */
export function passageExcerpt<H extends Span>(
  paragraph: string,
  highlights: H[],
  maxLength = MAX_EXCERPT_LENGTH,
): Excerpt<H> {
  let from = 0;
  let to = paragraph.length;
  if (paragraph.length > maxLength) {
    const first = highlights.length ? Math.min(...highlights.map((h) => h.start)) : 0;
    from = Math.max(0, Math.min(first - Math.min(LEAD, Math.floor(maxLength / 4)), paragraph.length - maxLength));
    to = from + maxLength;
    from = snap(paragraph, from, 1);
    to = snap(paragraph, to, -1);
  }
  const shifted = highlights
    .map((h) => ({ ...h, start: Math.max(h.start, from) - from, end: Math.min(h.end, to) - from }))
    .filter((h) => h.end > h.start);
  return { text: paragraph.slice(from, to), cutBefore: from > 0, cutAfter: to < paragraph.length, highlights: shifted };
}
