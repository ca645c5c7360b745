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
    return anchorQuote(newText, { ...annotation, start, end }, { index: sharedIndex });
  });
}
