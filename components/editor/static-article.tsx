import type { JSONContent } from "@tiptap/core";
import { articleSchema } from "@/lib/content/schema";
import { StaticDocument } from "./static-document";

/**
 * An article as static React elements with exactly the markup the live
 * editor renders (see `StaticDocument`), ProseMirror's hack elements
 * included. The page carries the article once as HTML and once as data: it
 * is server-rendered and hydrated from the JSON the editor needs anyway.
 * Content should be sanitized (`sanitizeContent`).
 */
export function StaticArticle({ content }: { content: JSONContent }) {
  return <StaticDocument content={content} schema={articleSchema()} />;
}
