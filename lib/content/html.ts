import "server-only";
import type { JSONContent } from "@tiptap/core";
import { DOMParser as ProseMirrorParser } from "@tiptap/pm/model";
import type { Config } from "dompurify";
import { ARTICLE_HEADING_LEVELS } from "@/components/editor/extensions";
import { AppError } from "@/lib/errors";
import { articleSchema } from "./schema";
import { sanitizeContent } from "./sanitize-content";
import { serverDom } from "./server-dom";

/** Elements removed together with everything inside them. */
const FORBID_WITH_CONTENT = [
  "script",
  "style",
  "template",
  "noscript",
  "noembed",
  "noframes",
  "xmp",
  "plaintext",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "svg",
  "math",
  "audio",
  "video",
  "canvas",
  "head",
  "title",
  "meta",
  "link",
  "base",
  "input",
  "button",
  "select",
  "textarea",
  "option",
  "datalist",
];

const PURIFY_CONFIG: Config & { RETURN_DOM: true } = {
  RETURN_DOM: true,
  USE_PROFILES: { html: true },
  FORBID_TAGS: [...FORBID_WITH_CONTENT, "form", "img", "picture", "source", "track", "area", "map"],
  // Whose content is dropped with them. A `<form>` keeps its content: some
  // CMSs wrap the whole page in one.
  FORBID_CONTENTS: FORBID_WITH_CONTENT,
  FORBID_ATTR: ["srcset", "action", "formaction", "xlink:href", "ping"],
  // DOMPurify's default minus every scheme but http, https and mailto. It is
  // tested against any attribute value that looks like "scheme:", so it must
  // still accept plain values; relative links are dropped by sanitizeContent.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  ALLOW_DATA_ATTR: false,
};

const tooDeep = () => new AppError("UNPROCESSABLE", "The document is nested too deeply to import.");

/** Table cells and definition terms are not in the article schema; read each as its own block. */
const BLOCKIFY = "td, th, caption, dt";
/** Headings deeper than the schema allows become its deepest level. */
const DEEP_HEADINGS = "h5, h6";

/**
 * Deepest element nesting accepted. jsdom's parse time grows with the square
 * of the depth (≈0.1 s at 1,000 levels, 2 s at 5,000) and overflows the stack
 * past ~10,000, so hostile nesting is refused before parsing.
 */
export const MAX_HTML_NESTING = 500;

const VOID_OR_OPTIONAL_END = new Set(
  "area base br col embed hr img input link meta param source track wbr keygen p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp html head body".split(
    " ",
  ),
);
const TAG_OR_COMMENT = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;

/**
 * An upper estimate of how deep `html` nests elements, from its tags alone
 * (linear time, no parsing). Elements that close themselves or may omit their
 * end tag are not counted, so ordinary sloppy HTML stays shallow.
 */
function estimatedNesting(html: string): number {
  let depth = 0;
  let max = 0;
  for (const [token, closing, name, selfClosing] of html.matchAll(TAG_OR_COMMENT)) {
    if (token.startsWith("<!--") || selfClosing || VOID_OR_OPTIONAL_END.has(name.toLowerCase())) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else max = Math.max(max, ++depth);
  }
  return max;
}

/**
 * A `<pre>`'s final newline ends its last line rather than starting an empty
 * one (Markdown renderers always emit it); keeping it would show a blank line.
 */
function dropFinalNewline(pre: Element): void {
  let last = pre.lastChild;
  while (last && last.nodeType === 1) last = last.lastChild;
  if (last && last.nodeType === 3 && last.textContent?.endsWith("\n")) {
    last.textContent = last.textContent.slice(0, -1);
  }
}

/**
 * Imports HTML as article content. The HTML is sanitized with DOMPurify on a
 * server-side DOM (no scripts, styles, frames, embedded objects, forms, SVG or
 * MathML, no event handlers, no URL other than http, https or mailto), parsed
 * by ProseMirror with the article schema (whitespace collapsed as a browser
 * would, except in `<pre>`), then passed through {@link sanitizeContent}.
 *
 * @throws AppError `UNPROCESSABLE` if the document cannot be represented.
 */
export function contentFromHtml(html: string): JSONContent {
  if (estimatedNesting(html) > MAX_HTML_NESTING) throw tooDeep();
  const { purify } = serverDom();
  let json: JSONContent;
  try {
    // DOMPurify hands back its own parsed <body>: exactly what it checked is
    // what ProseMirror reads, with no serialize/re-parse step in between.
    const body = purify.sanitize(html, PURIFY_CONFIG) as HTMLElement;
    const rename = (selector: string, tag: string) => {
      for (const element of Array.from(body.querySelectorAll(selector))) {
        const replacement = body.ownerDocument.createElement(tag);
        replacement.append(...Array.from(element.childNodes));
        element.replaceWith(replacement);
      }
    };
    rename(BLOCKIFY, "div");
    rename(DEEP_HEADINGS, `h${ARTICLE_HEADING_LEVELS[ARTICLE_HEADING_LEVELS.length - 1]}`);
    for (const pre of Array.from(body.querySelectorAll("pre"))) dropFinalNewline(pre);
    json = ProseMirrorParser.fromSchema(articleSchema()).parse(body).toJSON() as JSONContent;
  } catch (err) {
    // Stack exhaustion on deeply nested markup the estimate let through.
    if (err instanceof RangeError) throw tooDeep();
    throw err;
  }
  return sanitizeContent(json);
}

const TITLE = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i;

/**
 * The document's `<title>`, whitespace collapsed, or `null` if it has none.
 * Only the title element is parsed (to decode entities), in an inert
 * document: nothing runs, nothing is fetched, and a large page is not parsed
 * a second time.
 */
export function titleFromHtml(html: string): string | null {
  const match = TITLE.exec(html);
  if (!match) return null;
  const { window } = serverDom();
  const doc = new window.DOMParser().parseFromString(`<title>${match[1]}</title>`, "text/html");
  return doc.title.replace(/\s+/g, " ").trim() || null;
}
