import { QUOTE_CONTEXT_LENGTH } from "@/lib/anchoring/quote-selector";

/**
 * Where an entity's external id points: a Wikidata id (Q42) to its Wikidata
 * page, an http(s) URL to itself. Anything else (another scheme, a malformed
 * URL) is not a link, so a stored `javascript:` can never be clicked.
 */
export function externalHref(externalId: string | null | undefined): string | null {
  const id = externalId?.trim();
  if (!id) return null;
  if (/^Q\d+$/.test(id)) return `https://www.wikidata.org/wiki/${id}`;
  try {
    const url = new URL(id);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** The aliases typed one per line (blank lines dropped, duplicates and the entity's own name removed). */
export function parseAliases(text: string, name: string): string[] {
  const aliases = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && line !== name.trim());
  return [...new Set(aliases)];
}

/** Whether a mention's stored context is cut short of the text (so an ellipsis belongs on that side). */
export function contextTruncation(mention: { prefix: string; suffix: string; start: number }): {
  before: boolean;
  after: boolean;
} {
  return {
    before: mention.start > mention.prefix.length,
    // Context is cut at QUOTE_CONTEXT_LENGTH, or one short to keep a surrogate pair whole.
    after: mention.suffix.length >= QUOTE_CONTEXT_LENGTH - 1,
  };
}
