import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { CommentView } from "@/lib/comments/comment-view";
import { parseCommentBody } from "@/lib/comments/parse-comment-body";
import { publishLive } from "@/lib/server/live/publish-live";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { commentSelect, toCommentView } from "@/lib/server/comments/comment-select";
import type { AnnotationViewer } from "@/lib/server/assignments/visible-authors";
import { findOwnComment } from "@/lib/server/comments/find-comment-for-write";
import { requireMentionable } from "@/lib/server/comments/require-mentionable";
import { notifyComment } from "@/lib/server/notifications/notify-comment";

/**
 * Replaces the body of one's own comment, keeping the old one in its history.
 * `version` must be the current one (409 otherwise, with the current comment);
 * people newly mentioned are notified.
 */
export async function editComment(options: {
  workspaceId: string;
  commentId: string;
  /** The member acting, with their role (the blind rule depends on it). */
  actor: AnnotationViewer;
  version: number;
  body: unknown;
}): Promise<CommentView> {
  const { workspaceId, commentId } = options;
  const actorId = options.actor.id;
  const parsed = parseCommentBody(options.body);
  return db.$transaction(async (tx) => {
    const comment = await findOwnComment(tx, { workspaceId, commentId, actor: options.actor });
    if (comment.deletedAt || comment.hiddenAt) {
      throw new AppError("CONFLICT", "This comment was deleted or hidden and cannot be edited.");
    }
    const { count } = await tx.comment.updateMany({
      where: { id: commentId, version: options.version },
      data: {
        body: parsed.body as object,
        text: parsed.text,
        version: { increment: 1 },
        editedAt: new Date(),
      },
    });
    if (count === 0) {
      const current = await tx.comment.findUniqueOrThrow({ where: { id: commentId }, select: commentSelect });
      throw new AppError("CONFLICT", "Someone changed this comment since you opened it. It has been reloaded.", {
        details: { current: toCommentView(current) },
      });
    }
    await tx.commentRevision.create({
      data: { id: newId(), commentId, body: comment.body as object, text: comment.text },
    });
    const before = parseCommentBody(comment.body).mentionIds;
    const added = parsed.mentionIds.filter((id) => !before.includes(id));
    await requireMentionable(tx, workspaceId, added);
    await recordActivity({
      tx,
      action: "comment.updated",
      actorId,
      workspaceId,
      target: { type: "comment", id: commentId },
      data: { articleId: comment.articleId, annotationId: comment.annotationId, relationId: comment.relationId },
    });
    await notifyComment(tx, {
      workspaceId,
      articleId: comment.articleId,
      annotationId: comment.annotationId,
      relationId: comment.relationId,
      commentId,
      actorId,
      mentionedIds: added,
      participants: false,
    });
    await publishLive(tx, [
      {
        type: "comment.changed",
        workspaceId,
        articleId: comment.articleId,
        data: { annotationId: comment.annotationId, relationId: comment.relationId, commentId },
      },
    ]);
    return toCommentView(await tx.comment.findUniqueOrThrow({ where: { id: commentId }, select: commentSelect }));
  });
}
