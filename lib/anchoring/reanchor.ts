/**
 * Carrying annotations from one revision's canonical text to the next.
 */
import { anchorQuote, type AnchorResult } from "./match-quote";
import type { AnchorSelector } from "./quote-selector";
import { diffTexts, mapRange } from "./text-diff";
import { createTextIndex, type TextIndex } from "./text-index";

/**
 * Re-anchors annotations made on `oldText` onto `newText`; results are in
 * input order. Each stored range is first carried through a diff of the two
 * texts (`diffTexts`), so an annotation whose text was not edited keeps its
 * place — including which copy of a repeated sentence it is on — and is
 * found at stage 1 ("exact"). The rest go through {@link anchorQuote} from
 * their carried position, sharing one index of `newText`.
 *
 * Callers store the new offsets and a fresh selector
 * (`createQuoteSelector(newText, start, end)`) for anchored results, mark
 * `fuzzy` ones as moved, and keep orphans' old selectors unchanged.
 */
export function reanchorAll(oldText: string, newText: string, annotations: readonly AnchorSelector[]): AnchorResult[] {
  const diff = diffTexts(oldText, newText);
  let index: TextIndex | undefined;
  const sharedIndex = () => (index ??= createTextIndex(newText));
  return annotations.map((annotation) => {
    const { start, end } = mapRange(diff, annotation.start, annotation.end);
    const carried = soleCopyWithin(newText, annotation.exact, start, end) ?? start;
    const length = carried === start ? end - start : annotation.exact.length;
    return anchorQuote(newText, { ...annotation, start: carried, end: carried + length }, { index: sharedIndex });
  });
}

/**
 * The one copy of `exact` lying inside `[from, to)`, if there is exactly one.
 * A diff may align an edit's own text with the annotation's edge (an insertion
 * just before "government" that itself ends in "government."), so the carried
 * range can be wider than the quote while still holding its copy; context
 * alone would then pick another copy of a repeated sentence.
 */
function soleCopyWithin(text: string, exact: string, from: number, to: number): number | null {
  if (exact === "" || to - from <= exact.length || text.startsWith(exact, from)) return null;
  const first = text.indexOf(exact, from);
  if (first < 0 || first + exact.length > to) return null;
  const second = text.indexOf(exact, first + 1);
  return second >= 0 && second + exact.length <= to ? null : first;
}
