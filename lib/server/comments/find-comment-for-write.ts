import "server-only";
import type { Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import {
  canSeeAnnotation,
  findAnnotationVisibility,
  type AnnotationViewer,
} from "@/lib/server/assignments/visible-authors";
import { canSeeRelation } from "@/lib/server/relations/relation-visibility";

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
 * A comment of the workspace on a live annotation or relation and article;
 * else 404. With a `viewer`, also 404 when the annotation (or relation) is
 * hidden from them by the blind rule.
 */
export async function findWorkspaceComment(
  tx: Tx,
  options: { workspaceId: string; commentId: string; viewer?: AnnotationViewer },
) {
  const comment = await tx.comment.findFirst({
    where: {
      id: options.commentId,
      workspaceId: options.workspaceId,
      OR: [
        { annotation: { deletedAt: null, article: { deletedAt: null } } },
        { relation: { deletedAt: null, article: { deletedAt: null } } },
      ],
    },
    select: {
      id: true,
      authorId: true,
      annotationId: true,
      relationId: true,
      articleId: true,
      body: true,
      text: true,
      version: true,
      deletedAt: true,
      hiddenAt: true,
      annotation: { select: { authorId: true } },
      relation: {
        select: {
          articleId: true,
          authorId: true,
          source: { select: { authorId: true } },
          target: { select: { authorId: true } },
        },
      },
    },
  });
  if (!comment) throw notFound("Comment");
  if (options.viewer) {
    const visibility = await findAnnotationVisibility(
      { workspaceId: options.workspaceId, viewer: options.viewer, articleId: comment.articleId },
      tx,
    );
    const visible = comment.relation
      ? canSeeRelation(visibility, comment.relation)
      : comment.annotation !== null &&
        canSeeAnnotation(visibility, { authorId: comment.annotation.authorId, articleId: comment.articleId });
    if (!visible) throw notFound("Comment");
  }
  return comment;
}
