/*
 * Snippets and the marked words in them, computed from the text of a search
 * hit and the query's terms (the database says which rows match; this says
 * where). Compares text the way the index does (lib: marginalia_search_normalize
 * in the search migration): lower case, no accents, Arabic diacritics and
 * tatweel removed, alef/yeh/teh-marbuta variants folded; English words match
 * on a light stem ("negotiations" marks "negotiated"), Arabic words without
 * the definite article ("الكتاب" marks "كتاب"); Chinese and Japanese
 * terms match as substrings. Offsets are UTF-16 code units.
 */

const CJK = /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
const ARABIC_FOLD: Record<string, string> = {
  "\u0623": "\u0627",
  "\u0625": "\u0627",
  "\u0622": "\u0627",
  "\u0671": "\u0627",
  "\u0649": "\u064A",
  "\u0629": "\u0647",
};

/** `text` normalized for matching, with `map[i]` the UTF-16 offset in `text` of normalized character i. */
export function normalizeWithMap(text: string): { normalized: string; map: number[] } {
  let normalized = "";
  const map: number[] = [];
  let offset = 0;
  for (const ch of text) {
    const folded = ARABIC_FOLD[ch] ?? ch;
    const base = folded
      .normalize("NFD")
      .replace(/[\u0300-\u036F\u064B-\u065F\u0670\u0640]/g, "")
      .toLowerCase();
    for (const out of base) {
      normalized += out;
      for (let k = 0; k < out.length; k++) map.push(offset);
    }
    offset += ch.length;
  }
  map.push(offset);
  return { normalized, map };
}

/** The normalized form alone. */
export function normalizeForSearch(text: string): string {
  return normalizeWithMap(text).normalized;
}

const SUFFIXES = /(ations|ation|ions|ion|ings|ing|ments|ment|ers|er|ed|es|ly|s|e)$/;

/** The Arabic definite article with its proclitics (و/ف/ب/ك + ال, ل + ل), as the index drops it (marginalia_search_text). */
const ARABIC_ARTICLE = /^(?:[\u0648\u0641\u0628\u0643]?\u0627\u0644|\u0644\u0644)(?=[\u0621-\u064A]{3,}$)/;

function stem(word: string): string {
  if (/^[\u0621-\u064A]/.test(word)) return word.replace(ARABIC_ARTICLE, "");
  return word.length > 4 ? word.replace(SUFFIXES, "") : word;
}

function wordsOf(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * The ranges of `text` (UTF-16, end exclusive, sorted, not overlapping) where
 * any of `terms` occurs.
 */
export function findMatches(text: string, terms: readonly string[]): [number, number][] {
  const { normalized, map } = normalizeWithMap(text);
  const ranges: [number, number][] = [];
  const words = wordsOf(normalized);
  for (const raw of terms) {
    const term = normalizeForSearch(raw);
    for (const part of wordsOf(term)) {
      if (CJK.test(part.word)) {
        for (const run of part.word.split(/(?=[^\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF])/)) {
          const needle = run.trim();
          if (!needle) continue;
          let at = normalized.indexOf(needle);
          while (at !== -1 && ranges.length < 500) {
            ranges.push([map[at], map[at + needle.length]]);
            at = normalized.indexOf(needle, at + needle.length);
          }
        }
        continue;
      }
      const target = stem(part.word);
      if (!target) continue;
      for (const w of words) {
        const s = stem(w.word);
        const hit = w.word === part.word || s === target || (target.length >= 4 && s.startsWith(target));
        if (hit && ranges.length < 500) ranges.push([map[w.start], map[w.end]]);
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Moves an offset off the second half of a surrogate pair. */
function safe(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * A window of `text` of about `width` UTF-16 units around its first match,
 * with an ellipsis where it was cut, and the matches inside it as offsets
 * into the snippet.
 */
export function makeSnippet(
  text: string,
  terms: readonly string[],
  width = 240,
): { snippet: string; highlights: [number, number][]; first: [number, number] | null } {
  const matches = findMatches(text, terms);
  const first = matches[0] ?? null;
  if (text.length <= width) return { snippet: text, highlights: matches, first };
  let from = first ? Math.max(0, first[0] - Math.floor(width / 3)) : 0;
  if (from > 0) {
    const space = text.lastIndexOf(" ", from + 12);
    if (space > from - 12 && space < from + 12) from = space + 1;
  }
  from = safe(text, from);
  let to = Math.min(text.length, from + width);
  if (to < text.length) {
    const space = text.indexOf(" ", to - 12);
    if (space !== -1 && space < to + 12) to = space;
  }
  to = safe(text, to);
  const prefix = from > 0 ? "…" : "";
  const suffix = to < text.length ? "…" : "";
  const shift = prefix.length - from;
  const highlights = matches
    .filter(([s, e]) => s >= from && e <= to)
    .map(([s, e]) => [s + shift, e + shift] as [number, number]);
  return { snippet: prefix + text.slice(from, to) + suffix, highlights, first };
}
