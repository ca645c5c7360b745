import { isTitleWord } from "@/lib/suggestions/clean-span";
import type { TextRange } from "@/lib/suggestions/find-mentions";

/** Lowercase words allowed inside a multi-word name ("University of Exeter", "al Qaeda"). */
const CONNECTORS = new Set([
  "of",
  "and",
  "the",
  "al",
  "bin",
  "de",
  "del",
  "der",
  "van",
  "von",
  "la",
  "le",
  "du",
  "for",
]);

/** Capitalized words that start sentences or are dates, not names. */
const NOT_NAMES = new Set(
  (
    "The A An But And Or If In On At To Of For From By With As It Its He She They We I You This That These Those " +
    "Still Even Meanwhile Since After Before When While Some There Here Lack Going Advisors Former Politicians " +
    "Discussions Upholding Fighters January February March April May June July August September October November " +
    "December Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
  ).split(" "),
);

const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}.'’-]*/gu;

/**
 * Finds names a tagger may miss: runs of two or more capitalized words
 * (allowing connectors such as "of"), cut after any title inside the run
 * ("Vice President Amrullah Saleh" → "Amrullah Saleh"), and single
 * capitalized words that recur in the text and never appear in lowercase
 * ("Taliban"). Returns ranges in reading order.
 */
export function findCapitalizedNames(text: string): TextRange[] {
  const words = [...text.matchAll(WORD)].map((m) => {
    // A possessive ends a name ("Massoud’s National Resistance Front" is two).
    const possessive = /[’']s$/u.test(m[0]);
    const raw = possessive
      ? m[0].slice(0, -2)
      : m[0].replace(/[.'’-]+$/u, (tail) => (/^(?:\p{Lu}\.)+$/u.test(m[0]) ? tail : ""));
    return { text: raw, start: m.index, end: m.index + raw.length, possessive };
  });
  const headlines = headlineBlocks(text);
  const inHeadline = (w: { start: number }) => headlines.some((h) => h.start <= w.start && w.start < h.end);
  const capitalized = (w: { text: string; start: number }) =>
    /^\p{Lu}/u.test(w.text) && !NOT_NAMES.has(w.text) && !inHeadline(w);
  const lowercaseForms = new Set(words.filter((w) => /^\p{Ll}/u.test(w.text)).map((w) => w.text.toLowerCase()));
  const names: TextRange[] = [];
  const counts = new Map<string, number>();
  for (const w of words) if (capitalized(w)) counts.set(w.text, (counts.get(w.text) ?? 0) + 1);

  let i = 0;
  while (i < words.length) {
    if (!capitalized(words[i]) && !isTitleWord(words[i].text)) {
      i++;
      continue;
    }
    let j = i;
    let last = i;
    let sawOf = false;
    while (
      !words[j].possessive &&
      j + 1 < words.length &&
      /^\s+$/u.test(text.slice(words[j].end, words[j + 1].start))
    ) {
      const next = words[j + 1];
      if (capitalized(next) || isTitleWord(next.text)) last = j + 1;
      else if (!CONNECTORS.has(next.text)) break;
      // "and" joins one name ("War and Peace Studies") only after "of" or a run of 3+ words, not two names ("Saleh and Massoud").
      else if (next.text === "and" && !sawOf && j + 1 - i < 3) break;
      if (next.text === "of") sawOf = true;
      j++;
    }
    let from = i;
    for (let k = i; k <= last; k++) if (isTitleWord(words[k].text)) from = k + 1;
    const run = words.slice(from, last + 1);
    if (run.length >= 2 && capitalized(run[0])) {
      names.push({ start: run[0].start, end: run[run.length - 1].end });
    } else if (run.length === 1 && capitalized(run[0])) {
      const w = run[0].text;
      if ((counts.get(w) ?? 0) >= 2 && !lowercaseForms.has(w.toLowerCase()) && w.length > 2) {
        names.push({ start: run[0].start, end: run[0].end });
      }
    }
    i = last + 1;
  }
  return names;
}

/** Blocks written in Title Case (headlines), whose capitals say nothing about names. */
function headlineBlocks(text: string): TextRange[] {
  const blocks: TextRange[] = [];
  let offset = 0;
  for (const block of text.split("\n\n")) {
    const long = block.match(/[\p{L}]{4,}/gu) ?? [];
    const caps = long.filter((w) => /^\p{Lu}/u.test(w)).length;
    if (long.length >= 3 && caps / long.length >= 0.7 && !/[.!?]["”’]?\s*$/u.test(block))
      blocks.push({ start: offset, end: offset + block.length });
    offset += block.length + 2;
  }
  return blocks;
}
