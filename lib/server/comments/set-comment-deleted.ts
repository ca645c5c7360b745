import "server-only";
import { db } from "@/lib/db";
import type { CommentView } from "@/lib/comments/comment-view";
import { publishLive } from "@/lib/server/live/publish-live";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { commentSelect, toCommentView } from "@/lib/server/comments/comment-select";
import type { AnnotationViewer } from "@/lib/server/assignments/visible-authors";
import { findOwnComment } from "@/lib/server/comments/find-comment-for-write";

/**
 * Deletes one's own comment softly (the thread shows "comment deleted" and
 * replies stay), or restores it. Doing what is already done changes nothing.
 */
export async function setCommentDeleted(options: {
  workspaceId: string;
  commentId: string;
  /** The member acting, with their role (the blind rule depends on it). */
  actor: AnnotationViewer;
  deleted: boolean;
}): Promise<CommentView> {
  const { workspaceId, commentId, deleted } = options;
  const actorId = options.actor.id;
  return db.$transaction(async (tx) => {
    const comment = await findOwnComment(tx, { workspaceId, commentId, actor: options.actor });
    if ((comment.deletedAt !== null) !== deleted) {
      await tx.comment.update({
        where: { id: commentId },
        data: { deletedAt: deleted ? new Date() : null, version: { increment: 1 } },
      });
      await recordActivity({
        tx,
        action: deleted ? "comment.deleted" : "comment.restored",
        actorId,
        workspaceId,
        target: { type: "comment", id: commentId },
        data: { articleId: comment.articleId, annotationId: comment.annotationId, relationId: comment.relationId },
      });
      await publishLive(tx, [
        {
          type: "comment.changed",
          workspaceId,
          articleId: comment.articleId,
          data: { annotationId: comment.annotationId, relationId: comment.relationId, commentId },
        },
      ]);
    }
    return toCommentView(await tx.comment.findUniqueOrThrow({ where: { id: commentId }, select: commentSelect }));
  });
}
