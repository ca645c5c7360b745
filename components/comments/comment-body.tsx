import type { JSONContent } from "@tiptap/core";
import { memo, type ReactNode } from "react";
import { renderDocument } from "@/components/editor/static-document";
import { commentSchema } from "@/lib/comments/parse-comment-body";
import { cleanCommentBody, commentBodyText } from "./comment-document";

/**
 * A comment rendered from its JSON by the comment schema's own `toDOM`, never
 * from HTML: text is escaped by React, links keep only an allowed href and
 * get the schema's rel and target. A body the schema rejects shows as plain
 * text rather than breaking the thread.
 */
export const CommentBody = memo(function CommentBody({ body }: { body: JSONContent }) {
  let rendered: ReactNode;
  try {
    rendered = renderDocument(cleanCommentBody(body), commentSchema(), false);
  } catch {
    rendered = <p>{commentBodyText(body)}</p>;
  }
  return <div className="comment-body">{rendered}</div>;
});
