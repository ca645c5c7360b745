/**
 * Quote selectors: the text of an annotation and its context, so it can be
 * found again after the text changes (ANCHORING.md, "Offsets").
 */
import { splitsSurrogatePair } from "./unicode";

/** Most UTF-16 code units of context kept on each side of a quote. */
export const QUOTE_CONTEXT_LENGTH = 32;

/** What an annotation quotes, with up to {@link QUOTE_CONTEXT_LENGTH} code units of context on each side. */
export type QuoteSelector = {
  exact: string;
  prefix: string;
  suffix: string;
};

/**
 * A stored annotation's selector: its quote and its UTF-16 offsets into the
 * canonical text it was made on (`end` exclusive).
 */
export type AnchorSelector = QuoteSelector & {
  start: number;
  end: number;
};

/**
 * Checks that `[start, end)` can anchor an annotation in `text`: integers,
 * `0 <= start < end <= text.length`, neither end between the two halves of a
 * surrogate pair. Returns `null` when it can, else a message to show the user.
 */
export function validateRange(text: string, start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return "The selection's start and end must be whole numbers.";
  if (start < 0 || end > text.length) return "The selection reaches outside the article's text.";
  if (start >= end) return "The selection is empty: select at least one character.";
  if (splitsSurrogatePair(text, start)) return "The selection starts in the middle of a character.";
  if (splitsSurrogatePair(text, end)) return "The selection ends in the middle of a character.";
  return null;
}

/**
 * The quote selector of `[start, end)` in `text`: `exact` is the slice, and
 * `prefix`/`suffix` take up to {@link QUOTE_CONTEXT_LENGTH} code units on
 * either side — fewer at the text's edges, and one fewer where the cut would
 * split a surrogate pair, so context is always well-formed text.
 *
 * @throws RangeError with {@link validateRange}'s message for an invalid range.
 */
export function createQuoteSelector(text: string, start: number, end: number): QuoteSelector {
  const problem = validateRange(text, start, end);
  if (problem) throw new RangeError(problem);
  let prefixStart = Math.max(0, start - QUOTE_CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart++;
  let suffixEnd = Math.min(text.length, end + QUOTE_CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd--;
  return {
    exact: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
  };
}
