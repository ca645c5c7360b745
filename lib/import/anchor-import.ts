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
  type OffsetConverter,
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
    if (highlight.positionIsExact && range && quote) {
      const found = exactText(text, converter, highlight);
      if (found !== quote.exact) {
        problems.push({
          ...where(highlight),
          message:
            found === null
              ? `The fragments of ${position!.start}–${position!.end} are separated by more than line breaks.`
              : `The text at ${position!.start}–${position!.end} is “${clip(found)}”, not “${clip(quote.exact)}”.`,
        });
        continue;
      }
      const { start, end } = range;
      anchored.push({ highlight, outcome: "anchored", start, end, ...createQuoteSelector(text, start, end) });
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
    } else if (splitsPair(text, result.start) || splitsPair(text, result.end)) {
      // A quote with half of an emoji matched that half: a highlight cannot start or end inside a character.
      problems.push({ ...where(highlight), message: "The quote ends in the middle of a character (half of a pair)." });
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

/**
 * The text a brat span stands for: the slice, or for fragments their slices
 * joined by spaces — null if anything but line breaks lies between them.
 */
function exactText(text: string, converter: OffsetConverter, highlight: ImportedHighlight): string | null {
  const fragments = (highlight.fragments ?? [highlight.position!]).map((f) => ({
    start: converter.toUtf16(f.start),
    end: converter.toUtf16(f.end),
  }));
  for (let i = 1; i < fragments.length; i++) {
    if (!/^\n+$/.test(text.slice(fragments[i - 1].end, fragments[i].start))) return null;
  }
  return fragments.map((f) => text.slice(f.start, f.end)).join(" ");
}

/** Whether UTF-16 offset `at` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57).toWellFormed()}…` : s;
}
