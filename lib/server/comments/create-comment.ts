import "server-only";
import { db, type Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import type { CommentView } from "@/lib/comments/comment-view";
import { parseCommentBody, type ParsedComment } from "@/lib/comments/parse-comment-body";
import { publishLive } from "@/lib/server/live/publish-live";
import { activityExcerpt, recordActivity } from "@/lib/server/activity/record-activity";
import { commentSelect, toCommentView } from "@/lib/server/comments/comment-select";
import { findThreadAnnotation } from "@/lib/server/comments/find-thread-annotation";
import type { AnnotationViewer } from "@/lib/server/assignments/visible-authors";
import { requireMentionable } from "@/lib/server/comments/require-mentionable";
import { notifyComment } from "@/lib/server/notifications/notify-comment";
import {
  claimIdempotencyKey,
  storeIdempotentAnswer,
  type IdempotencyClaim,
} from "@/lib/server/idempotency/idempotency";

/**
 * Adds a comment to an annotation's thread (the first one starts it), in one
 * transaction with its notifications and events. A comment on a resolved
 * thread reopens it: the discussion is evidently not over.
 */
export async function createComment(options: {
  workspaceId: string;
  annotationId: string;
  actorId: string;
  /** The actor, for the blind-annotation rule (see visible-authors). */
  viewer: AnnotationViewer;
  body: unknown;
  /** The request's Idempotency-Key: claimed and answered in the same transaction. */
  idempotency?: IdempotencyClaim | null;
}): Promise<CommentView> {
  const parsed = parseCommentBody(options.body);
  return db.$transaction(async (tx) => {
    await claimIdempotencyKey(tx, options.idempotency);
    const annotation = await findThreadAnnotation(tx, options);
    const comment = await insertComment(tx, { ...options, annotation, parsed });
    await storeIdempotentAnswer(tx, options.idempotency, 201, { data: comment });
    return comment;
  });
}

/**
 * The writes of a new comment inside the caller's transaction (also used for
 * a rejection's reason): the row, reopening a resolved thread, the activity,
 * notifications and live events.
 */
export async function insertComment(
  tx: Tx,
  options: {
    workspaceId: string;
    actorId: string;
    annotation: { id: string; articleId: string; threadResolvedAt: Date | null };
    parsed: ParsedComment;
  },
): Promise<CommentView> {
  const { workspaceId, actorId, annotation, parsed } = options;
  const annotationId = annotation.id;
  await requireMentionable(tx, workspaceId, parsed.mentionIds);
  const comment = await tx.comment.create({
    data: {
      id: newId(),
      workspaceId,
      articleId: annotation.articleId,
      annotationId,
      authorId: actorId,
      body: parsed.body as object,
      text: parsed.text,
    },
    select: commentSelect,
  });
  if (annotation.threadResolvedAt) {
    await tx.annotation.update({
      where: { id: annotationId },
      data: { threadResolvedAt: null, threadResolvedById: null },
    });
  }
  await recordActivity({
    tx,
    action: "comment.created",
    actorId,
    workspaceId,
    target: { type: "comment", id: comment.id },
    data: { articleId: annotation.articleId, annotationId, excerpt: activityExcerpt(parsed.text) },
  });
  await notifyComment(tx, {
    workspaceId,
    articleId: annotation.articleId,
    annotationId,
    commentId: comment.id,
    actorId,
    mentionedIds: parsed.mentionIds,
    participants: true,
  });
  await publishLive(tx, [
    {
      type: "comment.changed",
      workspaceId,
      articleId: annotation.articleId,
      data: { annotationId, commentId: comment.id },
    },
    ...(annotation.threadResolvedAt
      ? [
          {
            type: "thread.changed" as const,
            workspaceId,
            articleId: annotation.articleId,
            data: { annotationId, resolved: false },
          },
        ]
      : []),
  ]);
  return toCommentView(comment);
}
