import "server-only";
import type { Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";

/**
 * A comment of the workspace (on a live annotation and article) about to be
 * changed by its author: 404 if there is none, 403 for anyone else.
 */
export async function findOwnComment(tx: Tx, options: { workspaceId: string; commentId: string; actorId: string }) {
  const comment = await findWorkspaceComment(tx, options);
  if (comment.authorId !== options.actorId) {
    throw new AppError("FORBIDDEN", "Only its author can change a comment.");
  }
  return comment;
}

/** A comment of the workspace on a live annotation and article; else 404. */
export async function findWorkspaceComment(tx: Tx, options: { workspaceId: string; commentId: string }) {
  const comment = await tx.comment.findFirst({
    where: {
      id: options.commentId,
      workspaceId: options.workspaceId,
      annotation: { deletedAt: null, article: { deletedAt: null } },
    },
    select: {
      id: true,
      authorId: true,
      annotationId: true,
      articleId: true,
      body: true,
      text: true,
      version: true,
      deletedAt: true,
      hiddenAt: true,
    },
  });
  if (!comment) throw notFound("Comment");
  return comment;
}
