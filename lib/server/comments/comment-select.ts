import "server-only";
import type { JSONContent } from "@tiptap/core";
import type { CommentView } from "@/lib/comments/comment-view";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What every comment read selects. */
export const commentSelect = {
  id: true,
  annotationId: true,
  relationId: true,
  body: true,
  version: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  hiddenAt: true,
  author: { select: { id: true, name: true } },
} satisfies Prisma.CommentSelect;

type CommentRow = Prisma.CommentGetPayload<{ select: typeof commentSelect }>;

/** A comment for the API: deleted and hidden ones keep their place but lose their body. */
export function toCommentView(row: CommentRow): CommentView {
  const state = row.deletedAt ? "deleted" : row.hiddenAt ? "hidden" : "visible";
  return {
    id: row.id,
    annotationId: row.annotationId,
    relationId: row.relationId,
    author: row.author,
    state,
    body: state === "visible" ? (row.body as JSONContent) : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
  };
}
