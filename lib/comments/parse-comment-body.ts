import { getSchema, type JSONContent } from "@tiptap/core";
import type { Node as ProseMirrorNode, Schema } from "@tiptap/pm/model";
import { isAllowedHref } from "@/components/editor/extensions/link-policy";
import { cleanText } from "@/lib/content/sanitize-content";
import { AppError } from "@/lib/errors";
import { MAX_COMMENT_TEXT } from "@/lib/validations/comment";
import { commentExtensions } from "./comment-extensions";

/** Deeper JSON than this is refused before it reaches the (recursive) schema parser. */
const MAX_DEPTH = 24;
const MAX_LABEL = 200;

let schema: Schema | undefined;

/** The ProseMirror schema of comment bodies, built once from `commentExtensions`. */
export function commentSchema(): Schema {
  schema ??= getSchema(commentExtensions);
  return schema;
}

export type ParsedComment = {
  /** The body as plain JSON, exactly as the schema normalizes it. */
  body: JSONContent;
  /** Its plain text; mentions as `@Name`. */
  text: string;
  /** The user ids it mentions, each once. */
  mentionIds: string[];
};

function invalid(message: string): AppError {
  return new AppError("UNPROCESSABLE", message, { details: { fieldErrors: { body: [message] } } });
}

/**
 * A copy of the JSON with storable text (see `cleanText`) and links reduced to
 * their href: the schema adds rel and target itself, and nothing else of a
 * pasted link is kept.
 */
function cleaned(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleaned);
  if (value === null || typeof value !== "object") return typeof value === "string" ? cleanText(value) : value;
  const record = value as Record<string, unknown>;
  if (record.type === "link") {
    const href = (record.attrs as Record<string, unknown> | undefined)?.href;
    return { type: "link", attrs: { href: typeof href === "string" ? href.trim() : null } };
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, cleaned(v)]));
}

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return depth;
  let max = depth;
  for (const child of Object.values(value)) max = Math.max(max, depthOf(child, depth + 1));
  return max;
}

/**
 * Checks a comment body against the comment editor's schema and returns it
 * normalized, with its text and mentions. Anything the editor could not have
 * produced (unknown nodes or marks, links other than http(s)/mailto, a
 * malformed mention, an empty or over-long text) is a 422 with a message.
 */
export function parseCommentBody(json: unknown): ParsedComment {
  if (depthOf(json) > MAX_DEPTH) throw invalid("The comment is nested too deeply.");
  let doc: ProseMirrorNode;
  try {
    doc = commentSchema().nodeFromJSON(cleaned(json));
    doc.check();
  } catch (err) {
    if (err instanceof RangeError || err instanceof TypeError) {
      throw invalid("The comment contains something a comment cannot hold.");
    }
    throw err;
  }
  const mentionIds = new Set<string>();
  doc.descendants((node) => {
    for (const mark of node.marks) {
      if (mark.type.name === "link" && !isAllowedHref(mark.attrs.href)) {
        throw invalid("Links must be http, https or mailto addresses.");
      }
    }
    if (node.type.name === "mention") {
      const { id, label } = node.attrs as { id: unknown; label: unknown };
      if (
        typeof id !== "string" ||
        !id ||
        (label !== null && (typeof label !== "string" || label.length > MAX_LABEL))
      ) {
        throw invalid("A mention is malformed.");
      }
      mentionIds.add(id);
    }
  });
  const text = doc
    .textBetween(0, doc.content.size, "\n", (leaf) =>
      leaf.type.name === "mention"
        ? `@${leaf.attrs.label ?? leaf.attrs.id}`
        : leaf.type.name === "hardBreak"
          ? "\n"
          : "",
    )
    .trim();
  if (!text) throw invalid("A comment cannot be empty.");
  if (text.length > MAX_COMMENT_TEXT) {
    throw invalid(
      `A comment can be at most ${MAX_COMMENT_TEXT.toLocaleString("en")} characters (this one has ${text.length.toLocaleString("en")}).`,
    );
  }
  // A copy: `toJSON` shares attribute objects with null prototypes.
  return { body: structuredClone(doc.toJSON()) as JSONContent, text, mentionIds: [...mentionIds] };
}
