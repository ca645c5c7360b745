// Pure extraction of a captured web page's article (no database, no server-only
// imports): runs on a worker thread of lib/server/compute-pool.ts.
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export type WebPageInput = {
  /** The page as fetched, or as the extension read it (UTF-8). */
  bytes: Uint8Array;
  /** The `charset` of the Content-Type header, if any. */
  headerCharset?: string | null;
  /** The page's URL after redirects: relative links resolve against it. */
  url: string;
};

export type ExtractedWebPage = {
  /** The article's HTML as Readability found it, links made absolute; still to be sanitized. */
  html: string;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  /** ISO date-time or date, as the page states it. */
  publishedTime: string | null;
  language: string | null;
  /** `<link rel="canonical">` (else `og:url`, else `url`), without its fragment. */
  canonicalUrl: string;
  /** The character set the bytes were decoded with. */
  charset: string;
};

export type ExtractionOutcome = { ok: true; page: ExtractedWebPage } | { ok: false; message: string };

/** Deepest element nesting accepted; see MAX_HTML_NESTING in lib/content/html.ts. */
const MAX_NESTING = 500;

const VOID_OR_OPTIONAL_END = new Set(
  "area base br col embed hr img input link meta param source track wbr keygen p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp html head body".split(
    " ",
  ),
);
const TAG_OR_COMMENT = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;

function nestingOver(html: string, limit: number): boolean {
  let depth = 0;
  for (const [token, closing, name, selfClosing] of html.matchAll(TAG_OR_COMMENT)) {
    if (token.startsWith("<!--") || selfClosing || VOID_OR_OPTIONAL_END.has(name.toLowerCase())) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else if (++depth > limit) return true;
  }
  return false;
}

function decoderFor(label: string | null | undefined): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null;
  }
}

const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-zA-Z0-9._:-]+)/i;

/**
 * Decodes a page as a browser would: a byte order mark first, then the
 * Content-Type header's charset, then a `<meta charset>` or
 * `<meta http-equiv="Content-Type" content="…; charset=…">` in the first
 * 4 KB, else UTF-8. Windows-1256, Shift_JIS and every other WHATWG encoding
 * are read by TextDecoder.
 */
export function decodePage(bytes: Uint8Array, headerCharset?: string | null): { text: string; charset: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes), charset: "utf-8" };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const charset = bytes[0] === 0xff ? "utf-16le" : "utf-16be";
    return { text: new TextDecoder(charset).decode(bytes), charset };
  }
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  const decoder = decoderFor(headerCharset) ?? decoderFor(META_CHARSET.exec(head)?.[1]) ?? new TextDecoder("utf-8");
  return { text: decoder.decode(bytes), charset: decoder.encoding };
}

function httpUrl(value: string | null | undefined, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.hash = "";
    return url.href;
  } catch {
    return null;
  }
}

function clean(value: string | null | undefined, max = 300): string | null {
  const text = value?.replace(/[\s\p{Cc}]+/gu, " ").trim();
  return text ? text.slice(0, max) : null;
}

type Doc = ReturnType<typeof parseHTML>["document"];

function meta(document: Doc, ...names: string[]): string | null {
  for (const name of names) {
    const element =
      document.querySelector(`meta[property="${name}"]`) ?? document.querySelector(`meta[name="${name}"]`);
    const content = element?.getAttribute("content");
    if (content?.trim()) return content.trim();
  }
  return null;
}

/**
 * Extracts the article of a web page: decodes it ({@link decodePage}),
 * parses it with linkedom, makes links absolute, and runs Mozilla's
 * Readability. Metadata comes from Readability, then Open Graph and
 * `article:` meta tags. The HTML returned is not yet safe: it goes through
 * the same sanitizer as an uploaded .html file.
 */
export function extractWebPage(input: WebPageInput): ExtractionOutcome {
  const { text, charset } = decodePage(input.bytes, input.headerCharset);
  if (nestingOver(text, MAX_NESTING)) {
    return { ok: false, message: "The page is nested too deeply to capture." };
  }
  let document: Doc;
  try {
    ({ document } = parseHTML(text));
  } catch {
    return { ok: false, message: "The page could not be read as HTML." };
  }
  for (const link of Array.from(document.querySelectorAll("a[href]"))) {
    const href = httpUrl(link.getAttribute("href"), input.url);
    if (href) link.setAttribute("href", href);
    else link.removeAttribute("href");
  }
  const canonicalUrl =
    httpUrl(document.querySelector('link[rel~="canonical"]')?.getAttribute("href"), input.url) ??
    httpUrl(meta(document, "og:url"), input.url) ??
    httpUrl(input.url, input.url) ??
    input.url;
  const language = clean(document.documentElement?.getAttribute("lang"), 35);
  const metaTitle = meta(document, "og:title", "twitter:title");
  const metaPublished = meta(document, "article:published_time", "datePublished", "date", "dc.date");
  const metaAuthor = meta(document, "author", "article:author");
  const metaSite = meta(document, "og:site_name", "application-name");

  // Readability keeps a byline element when the page's metadata names the
  // author: the article would start with "By Jane Roe", shown beside the title already.
  const author = clean(metaAuthor)?.toLowerCase();
  if (author) {
    for (const element of Array.from(document.querySelectorAll('[class~="byline"], [rel="author"]'))) {
      const text = clean(element.textContent)
        ?.replace(/^by\s+/i, "")
        .toLowerCase();
      if (text === author) element.remove();
    }
  }

  let parsed: ReturnType<Readability["parse"]>;
  try {
    parsed = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, message: "The page is nested too deeply to capture." };
    return { ok: false, message: "The page's article could not be extracted." };
  }
  const html = parsed?.content?.trim() ? parsed.content : (document.body?.innerHTML ?? "");
  return {
    ok: true,
    page: {
      html,
      title: clean(parsed?.title) ?? clean(metaTitle) ?? clean(document.title),
      byline: clean(parsed?.byline) ?? clean(metaAuthor),
      siteName: clean(parsed?.siteName) ?? clean(metaSite),
      publishedTime: clean(parsed?.publishedTime, 64) ?? clean(metaPublished, 64),
      language: clean(parsed?.lang, 35) ?? language,
      canonicalUrl,
      charset,
    },
  };
}
