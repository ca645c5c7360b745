import { splitsSurrogatePair } from "@/lib/anchoring/unicode";

type Span = { start: number; end: number; entityId?: string };

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
 * The stretch a cut excerpt must show: the closest two highlights of
 * different entities (what the passage is listed for), else the first one.
 */
function focusOf(highlights: Span[]): { start: number; end: number } {
  let best = highlights.length ? { start: highlights[0].start, end: highlights[0].end } : { start: 0, end: 0 };
  let bestLength = Infinity;
  for (const a of highlights) {
    for (const b of highlights) {
      if (a.entityId === b.entityId) continue;
      const span = { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
      if (span.end - span.start < bestLength) [best, bestLength] = [span, span.end - span.start];
    }
  }
  return best;
}

/**
 * The part of a paragraph to show for its highlights (UTF-16 offsets into
 * `paragraph`): the whole paragraph when short, else a window around the
 * closest pair of highlights of different entities, opening a little before
 * it. Highlights are shifted into the excerpt's offsets and clipped to it;
 * any wholly outside are dropped.
 */
export function passageExcerpt<H extends Span>(
  paragraph: string,
  highlights: H[],
  maxLength = MAX_EXCERPT_LENGTH,
): Excerpt<H> {
  let from = 0;
  let to = paragraph.length;
  if (paragraph.length > maxLength) {
    const focus = focusOf(highlights);
    const room = Math.max(0, maxLength - (focus.end - focus.start));
    const lead = Math.min(LEAD, Math.floor(maxLength / 4), Math.floor(room / 2));
    from = Math.max(0, Math.min(focus.start - lead, paragraph.length - maxLength));
    to = from + maxLength;
    from = snap(paragraph, from, 1);
    to = snap(paragraph, to, -1);
  }
  const shifted = highlights
    .map((h) => ({ ...h, start: Math.max(h.start, from) - from, end: Math.min(h.end, to) - from }))
    .filter((h) => h.end > h.start);
  return { text: paragraph.slice(from, to), cutBefore: from > 0, cutAfter: to < paragraph.length, highlights: shifted };
}
