/** A half-open range of UTF-16 offsets into a canonical text. */
export type TextRange = { start: number; end: number };

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Finds whole-word, case-insensitive occurrences of any of `terms` in `text`.
 * Longer terms win where matches overlap ("Ahmad Massoud" over "Massoud"), and
 * ranges overlapping `skip` are left out. Returns ranges in reading order.
 */
export function findMentions(
  text: string,
  terms: readonly string[],
  options: { skip?: readonly TextRange[] } = {},
): TextRange[] {
  const unique = [...new Set(terms.map((t) => t.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!unique.length) return [];
  const pattern = new RegExp(unique.map(escapeRegExp).join("|"), "giu");
  const found: TextRange[] = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    // Surrogate-aware neighbours: the code point before start and the one at end.
    const before = String.fromCodePoint(
      text.codePointAt(start - 1 >= 0 && /[\uDC00-\uDFFF]/.test(text[start - 1]) ? start - 2 : start - 1) ?? 32,
    );
    const after = String.fromCodePoint(text.codePointAt(end) ?? 32);
    if (start > 0 && isWordChar(before) && isWordChar(match[0][0])) continue;
    if (end < text.length && isWordChar(after) && isWordChar(match[0][match[0].length - 1])) continue;
    found.push({ start, end });
  }
  const skip = options.skip ?? [];
  return found.filter((r) => !skip.some((s) => s.start < r.end && r.start < s.end));
}
