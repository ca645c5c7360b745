import "server-only";
import { db } from "@/lib/db";
import type { CommentView } from "@/lib/comments/comment-view";
import { publishLive } from "@/lib/server/live/publish-live";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { commentSelect, toCommentView } from "@/lib/server/comments/comment-select";
import { findWorkspaceComment } from "@/lib/server/comments/find-comment-for-write";

/** A lead hides an abusive comment from everyone (logged), or shows it again. */
export async function setCommentHidden(options: {
  workspaceId: string;
  commentId: string;
  actorId: string;
  hidden: boolean;
}): Promise<CommentView> {
  const { workspaceId, commentId, actorId, hidden } = options;
  return db.$transaction(async (tx) => {
    const comment = await findWorkspaceComment(tx, { workspaceId, commentId });
    if ((comment.hiddenAt !== null) !== hidden) {
      await tx.comment.update({
        where: { id: commentId },
        data: hidden
          ? { hiddenAt: new Date(), hiddenById: actorId, version: { increment: 1 } }
          : { hiddenAt: null, hiddenById: null, version: { increment: 1 } },
      });
      await recordActivity({
        tx,
        action: hidden ? "comment.hidden" : "comment.shown",
        actorId,
        workspaceId,
        target: { type: "comment", id: commentId },
        data: {
          articleId: comment.articleId,
          annotationId: comment.annotationId,
          relationId: comment.relationId,
          authorId: comment.authorId,
        },
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
