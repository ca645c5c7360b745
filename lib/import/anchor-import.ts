/**
 * Anchors imported highlights on an article's canonical text with
 * lib/anchoring (ANCHORING.md's order): the file's position (code points,
 * converted to UTF-16) when the text there equals the quote, else the quote
 * chosen by its prefix/suffix, else a fuzzy match ("moved"), else
 * unanchorable (kept as an orphan only if the user chooses).
 */
import {
  anchorQuote,
  createOffsetConverter,
  createQuoteSelector,
  createTextIndex,
  type TextIndex,
} from "@/lib/anchoring";
import type { ImportProblem, ImportedHighlight } from "./types";

export type AnchorOutcome = "anchored" | "moved" | "unanchorable";

export type AnchoredHighlight = {
  highlight: ImportedHighlight;
  outcome: AnchorOutcome;
  /** UTF-16 offsets into the text; for an unanchorable highlight, 0 and 0. */
  start: number;
  end: number;
  /** The quote and context as stored: taken from the text when anchored, from the file when not. */
  exact: string;
  prefix: string;
  suffix: string;
};

/** Longest quote accepted (the API's limit for a highlight). */
export const MAX_IMPORTED_QUOTE = 20_000;

const where = (h: ImportedHighlight) => ({ item: h.item, ...(h.line ? { line: h.line } : {}) });

/**
 * Anchors each highlight on `text`. Highlights that cannot be read at all
 * (a position outside the text with no quote to search for, a brat span whose
 * text differs from the `.txt`) are problems; the rest come back in order.
 */
export function anchorImportedHighlights(
  text: string,
  highlights: readonly ImportedHighlight[],
): { anchored: AnchoredHighlight[]; problems: ImportProblem[] } {
  const converter = createOffsetConverter(text);
  let index: TextIndex | undefined;
  const sharedIndex = () => (index ??= createTextIndex(text));
  const anchored: AnchoredHighlight[] = [];
  const problems: ImportProblem[] = [];

  for (const highlight of highlights) {
    const { quote, position } = highlight;
    if (quote && quote.exact.length > MAX_IMPORTED_QUOTE) {
      problems.push({
        ...where(highlight),
        message: `The quote is longer than ${MAX_IMPORTED_QUOTE.toLocaleString("en")} characters.`,
      });
      continue;
    }
    let range: { start: number; end: number } | undefined;
    if (position) {
      try {
        range = { start: converter.toUtf16(position.start), end: converter.toUtf16(position.end) };
      } catch {
        range = undefined;
      }
    }
    if (position && !range && (!quote || highlight.positionIsExact)) {
      problems.push({
        ...where(highlight),
        message: `The offsets ${position.start}–${position.end} are outside the article's text (${converter.toCodePoint(text.length)} characters).`,
      });
      continue;
    }
    if (highlight.positionIsExact && range && quote && text.slice(range.start, range.end) !== quote.exact) {
      problems.push({
        ...where(highlight),
        message: `The text at ${position!.start}–${position!.end} is “${clip(text.slice(range.start, range.end))}”, not “${clip(quote.exact)}”.`,
      });
      continue;
    }
    if (!quote) {
      // Position only: it is the anchor.
      const { start, end } = range!;
      anchored.push({ highlight, outcome: "anchored", start, end, ...createQuoteSelector(text, start, end) });
      continue;
    }
    const result = anchorQuote(
      text,
      { ...quote, start: range?.start ?? Number.NaN, end: range?.end ?? Number.NaN },
      { index: sharedIndex },
    );
    if (result.status === "orphaned") {
      anchored.push({ highlight, outcome: "unanchorable", start: 0, end: 0, ...quote });
    } else {
      anchored.push({
        highlight,
        outcome: result.status === "fuzzy" ? "moved" : "anchored",
        start: result.start,
        end: result.end,
        ...createQuoteSelector(text, result.start, result.end),
      });
    }
  }
  return { anchored, problems };
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57).toWellFormed()}…` : s;
}
