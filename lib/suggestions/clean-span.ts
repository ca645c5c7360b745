import type { TextRange } from "@/lib/suggestions/find-mentions";

/** Titles and relations that precede a name but are not part of it ("President", "Sen.", "brother"). */
export const TITLE_WORDS = new Set([
  "president",
  "vice",
  "former",
  "sen",
  "sen.",
  "senator",
  "rep",
  "rep.",
  "representative",
  "minister",
  "prime",
  "general",
  "gen.",
  "gov.",
  "governor",
  "mr.",
  "mrs.",
  "ms.",
  "dr.",
  "mr",
  "mrs",
  "ms",
  "dr",
  "brother",
  "sister",
  "son",
  "daughter",
  "father",
  "mother",
  "the",
  "u.s.",
  "advisor",
  "adviser",
  "deputy",
  "chief",
  "leader",
  "spokesperson",
  "spokesman",
  "king",
  "queen",
  "prince",
  "sheikh",
  "director-general",
  "councillor",
  "chair",
]);

/** A name starts with a capital, possibly after a lowercase particle ("al Qaeda", "van Gogh"). */
const NAME_START = /^(?:(?:al|el|bin|de|da|di|van|von|le|la)\s+)?\p{Lu}/u;

const TRAILING_JUNK = /(?:[\s,.;:!?)"”’'\]—–-]|[’']s)+$/u;
const LEADING_JUNK = /^[\s("“‘'[—–-]+/u;

/** Whether a word (any case, with its dot) is a title or relation. */
export function isTitleWord(word: string): boolean {
  return TITLE_WORDS.has(word.toLowerCase());
}

/**
 * Trims what name finders drag along: trailing punctuation and possessives
 * ("Massoud,", "Afghanistan’s"), quotes and dashes, and leading titles or
 * relations ("President Donald Trump", "brother Rohullah"). Returns null when
 * nothing name-like is left (a bare "President").
 */
export function cleanSpan(text: string, range: TextRange): TextRange | null {
  let { start, end } = range;
  const trailing = text.slice(start, end).match(TRAILING_JUNK);
  if (trailing) end -= trailing[0].length;
  const leading = text.slice(start, end).match(LEADING_JUNK);
  if (leading) start += leading[0].length;
  for (;;) {
    const word = text.slice(start, end).match(/^(\S+)\s+/u);
    if (!word || !isTitleWord(word[1])) break;
    start += word[0].length;
  }
  const result = text.slice(start, end);
  if (end <= start || !NAME_START.test(result) || isTitleWord(result)) return null;
  return { start, end };
}
