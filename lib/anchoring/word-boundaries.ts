/**
 * Word boundaries for selections and token-based exports: a range that
 * starts or ends inside a word is widened to the whole word, as INCEpTION
 * snaps to tokens ("broad" selected inside "abroad" becomes "abroad").
 * A word is a run of letters, combining marks, digits and `_`; an apostrophe
 * ends it, so "Taliban" in "Taliban’s" stays "Taliban".
 */
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;

function isWordAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  // A surrogate pair is tested as one character (astral letters such as 𠀋).
  if (code >= 0xd800 && code <= 0xdbff) return WORD_CHAR.test(text.slice(at, at + 2));
  if (code >= 0xdc00 && code <= 0xdfff) return WORD_CHAR.test(text.slice(at - 1, at + 1));
  return WORD_CHAR.test(text[at] ?? "");
}

/** Whether `at` falls between two characters of one word. */
export function isInsideWord(text: string, at: number): boolean {
  return at > 0 && at < text.length && isWordAt(text, at - 1) && isWordAt(text, at);
}

/** `[start, end)` widened so that neither end falls inside a word (UTF-16 offsets; never splits a surrogate pair). */
export function expandToWords(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (isInsideWord(text, s)) s--;
  while (isInsideWord(text, e)) e++;
  return { start: s, end: e };
}
