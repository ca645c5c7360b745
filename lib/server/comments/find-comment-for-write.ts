import "server-only";
import type { Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import {
  canSeeAnnotation,
  findAnnotationVisibility,
  type AnnotationViewer,
} from "@/lib/server/assignments/visible-authors";

/**
 * A comment of the workspace (on a live annotation and article) about to be
 * changed by its author: 404 if there is none or the actor may not see it (an
 * annotation of someone else's on an article they annotate blind), 403 for
 * anyone else.
 */
export async function findOwnComment(
  tx: Tx,
  options: { workspaceId: string; commentId: string; actor: AnnotationViewer },
) {
  const comment = await findWorkspaceComment(tx, { ...options, viewer: options.actor });
  if (comment.authorId !== options.actor.id) {
    throw new AppError("FORBIDDEN", "Only its author can change a comment.");
  }
  return comment;
}

/**
 * A comment of the workspace on a live annotation and article; else 404. With
 * a `viewer`, also 404 when the annotation is someone else's on an article the
 * viewer annotates blind.
 */
export async function findWorkspaceComment(
  tx: Tx,
  options: { workspaceId: string; commentId: string; viewer?: AnnotationViewer },
) {
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
      annotation: { select: { authorId: true } },
    },
  });
  if (!comment) throw notFound("Comment");
  if (options.viewer) {
    const visibility = await findAnnotationVisibility(
      { workspaceId: options.workspaceId, viewer: options.viewer, articleId: comment.articleId },
      tx,
    );
    if (!canSeeAnnotation(visibility, { authorId: comment.annotation.authorId, articleId: comment.articleId })) {
      throw notFound("Comment");
    }
  }
  return comment;
}
