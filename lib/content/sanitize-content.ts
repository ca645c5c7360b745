import type { JSONContent } from "@tiptap/core";
import type { MarkType, NodeType, Schema } from "@tiptap/pm/model";
import { ARTICLE_HEADING_LEVELS, isAllowedHref } from "@/components/editor/extensions";
import { AppError } from "@/lib/errors";
import { normalizeLineEndings } from "@/lib/anchoring";
import { articleSchema } from "./schema";

/** Deepest node nesting accepted; real articles stay far below it. */
export const MAX_CONTENT_DEPTH = 64;

const ORDERED_LIST_TYPES = new Set(["1", "a", "A", "i", "I"]);
const CODE_LANGUAGE = /^[A-Za-z0-9_+#.-]{1,40}$/;
const MAX_LINK_TITLE = 500;

type Attrs = Record<string, unknown>;

function invalid(reason: string): AppError {
  return new AppError("UNPROCESSABLE", "The content is not a valid article document.", { details: { reason } });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Text as it may be stored: LF line endings, no NUL (Postgres refuses it), no lone surrogates. */
export function cleanText(text: string): string {
  return normalizeLineEndings(text).replace(/\0/g, "").toWellFormed();
}

/** Keeps only the schema's attributes of `type`, with values the product allows. */
function nodeAttrs(type: NodeType, attrs: unknown): Attrs | undefined {
  if (!isRecord(attrs)) return undefined;
  const out: Attrs = {};
  for (const name of Object.keys(type.spec.attrs ?? {})) {
    if (attrs[name] !== undefined) out[name] = attrs[name];
  }
  switch (type.name) {
    case "heading": {
      const level = Number(out.level);
      const [min, max] = [ARTICLE_HEADING_LEVELS[0], ARTICLE_HEADING_LEVELS[ARTICLE_HEADING_LEVELS.length - 1]];
      out.level = Number.isInteger(level) ? Math.min(Math.max(level, min), max) : min;
      break;
    }
    case "orderedList": {
      const start = Number(out.start ?? 1);
      out.start = Number.isInteger(start) && start >= 0 && start <= 1_000_000 ? start : 1;
      if (!ORDERED_LIST_TYPES.has(out.type as string)) out.type = null;
      break;
    }
    case "codeBlock":
      if (typeof out.language !== "string" || !CODE_LANGUAGE.test(out.language)) out.language = null;
      break;
  }
  return out;
}

/**
 * Marks as they may be stored. A link keeps only `href` (allowed schemes only,
 * else the mark is dropped, its text kept) and `title`; `rel`, `target` and
 * `class` always take the schema defaults, so content cannot change them.
 */
function cleanMarks(schema: Schema, marks: unknown): JSONContent["marks"] {
  if (marks === undefined) return undefined;
  if (!Array.isArray(marks)) throw invalid("marks must be an array");
  const out: NonNullable<JSONContent["marks"]> = [];
  for (const mark of marks) {
    if (!isRecord(mark) || typeof mark.type !== "string") throw invalid("a mark has no type");
    const type: MarkType | undefined = schema.marks[mark.type];
    if (!type) throw invalid(`unknown mark type "${mark.type}"`);
    if (type.name === "link") {
      const attrs = isRecord(mark.attrs) ? mark.attrs : {};
      const href = typeof attrs.href === "string" ? attrs.href.trim() : null;
      if (!isAllowedHref(href)) continue;
      const title =
        typeof attrs.title === "string" && attrs.title.length <= MAX_LINK_TITLE ? cleanText(attrs.title) : null;
      out.push({ type: "link", attrs: { href, title } });
    } else {
      out.push({ type: type.name });
    }
  }
  return out;
}

function cleanNode(schema: Schema, value: unknown, depth: number): JSONContent | null {
  if (depth > MAX_CONTENT_DEPTH) throw invalid(`content is nested deeper than ${MAX_CONTENT_DEPTH} levels`);
  if (!isRecord(value) || typeof value.type !== "string") throw invalid("a node has no type");
  const type: NodeType | undefined = schema.nodes[value.type];
  if (!type) throw invalid(`unknown node type "${value.type}"`);

  if (type.isText) {
    if (typeof value.text !== "string") throw invalid("a text node has no text");
    const text = cleanText(value.text);
    if (text === "") return null;
    const marks = cleanMarks(schema, value.marks);
    return marks?.length ? { type: "text", text, marks } : { type: "text", text };
  }

  const node: JSONContent = { type: type.name };
  const attrs = nodeAttrs(type, value.attrs);
  if (attrs && Object.keys(attrs).length > 0) node.attrs = attrs;
  const marks = cleanMarks(schema, value.marks);
  if (marks?.length) node.marks = marks;
  if (value.content !== undefined) {
    if (!Array.isArray(value.content)) throw invalid("content must be an array");
    node.content = value.content
      .map((child) => cleanNode(schema, child, depth + 1))
      .filter((child): child is JSONContent => child !== null);
  }
  return node;
}

/**
 * Returns `json` as article content fit to store and render: only node types,
 * marks and attributes of the article schema; links only to http, https and
 * mailto URLs (any other link mark is dropped, its text kept); text with LF
 * line endings and no NUL or lone surrogates; then validated against the
 * schema and normalized by ProseMirror (adjacent text nodes merged, default
 * attributes filled in).
 *
 * @throws AppError `UNPROCESSABLE` if `json` is not a valid article document.
 */
export function sanitizeContent(json: unknown): JSONContent {
  const schema = articleSchema();
  if (!isRecord(json) || json.type !== schema.topNodeType.name) throw invalid("the root node must be a doc");
  const cleaned = cleanNode(schema, json, 0);
  try {
    const node = schema.nodeFromJSON(cleaned);
    node.check();
    // A copy: `toJSON` shares the nodes' attribute objects, whose null prototype
    // React refuses to pass from a server component to a client one.
    return structuredClone(node.toJSON()) as JSONContent;
  } catch (err) {
    if (err instanceof RangeError) throw invalid(err.message);
    throw err;
  }
}
