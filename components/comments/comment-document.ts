import type { JSONContent } from "@tiptap/core";
import { isAllowedHref } from "@/components/editor/extensions/link-policy";

/** Most nesting kept when cleaning a body (the editor cannot nest deeper than a few lists). */
const MAX_DEPTH = 24;

/**
 * A comment body reduced to what the comment schema means: node and mark
 * types, text, and only the attributes that carry meaning (a link's href if
 * it is http(s)/mailto, a mention's id and label). Everything else a pasted
 * or forged body might carry (a link's rel, target or class, unknown keys)
 * is dropped, so links always get the schema's rel and target.
 */
export function cleanCommentBody(node: JSONContent, depth = 0): JSONContent {
  const out: JSONContent = { type: String(node.type ?? "") };
  if (typeof node.text === "string") out.text = node.text;
  if (node.type === "mention") {
    const { id, label } = (node.attrs ?? {}) as Record<string, unknown>;
    out.attrs = { id: typeof id === "string" ? id : null, label: typeof label === "string" ? label : null };
  }
  if (Array.isArray(node.marks)) {
    const marks = node.marks.flatMap((mark) => {
      if (mark?.type !== "link") return mark?.type ? [{ type: String(mark.type) }] : [];
      const href = mark.attrs?.href;
      return isAllowedHref(href) ? [{ type: "link", attrs: { href } }] : [];
    });
    if (marks.length) out.marks = marks;
  }
  if (Array.isArray(node.content) && depth < MAX_DEPTH) {
    out.content = node.content.map((child) => cleanCommentBody(child, depth + 1));
  }
  return out;
}

/** The plain text of a body: blocks on their own lines, mentions as `@Name`. For fallbacks and excerpts. */
export function commentBodyText(node: JSONContent | null | undefined, depth = 0): string {
  if (!node || depth > MAX_DEPTH) return "";
  if (typeof node.text === "string") return node.text;
  if (node.type === "mention") return `@${node.attrs?.label ?? node.attrs?.id ?? ""}`;
  if (node.type === "hardBreak") return "\n";
  const parts = (node.content ?? []).map((child) => commentBodyText(child, depth + 1));
  const block = node.type === "doc" || node.type === "bulletList" || node.type === "listItem";
  return parts.join(block ? "\n" : "");
}

/** Whether a body has any text (or a mention) at all. */
export function isEmptyCommentBody(node: JSONContent | null | undefined): boolean {
  return commentBodyText(node).trim() === "";
}

/**
 * Whether the body has an `@` that starts a word in plain text (not a mention
 * node): what is left of an @mention typed while the member list could not be
 * loaded. An `@` inside a word (an email address) does not count; code does not either.
 */
export function hasUnlinkedMention(node: JSONContent | null | undefined, depth = 0): boolean {
  if (!node || depth > MAX_DEPTH) return false;
  if (typeof node.text === "string" && !node.marks?.some((m) => m?.type === "code"))
    return /(^|[\s(["'“‘])@[\p{L}\p{N}]/u.test(node.text);
  return Array.isArray(node.content) && node.content.some((child) => hasUnlinkedMention(child, depth + 1));
}
