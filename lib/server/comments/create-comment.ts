import "server-only";
import { db, type Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import type { CommentView } from "@/lib/comments/comment-view";
import { parseCommentBody, type ParsedComment } from "@/lib/comments/parse-comment-body";
import { publishLive } from "@/lib/server/live/publish-live";
import { activityExcerpt, recordActivity } from "@/lib/server/activity/record-activity";
import { commentSelect, toCommentView } from "@/lib/server/comments/comment-select";
import { findThreadSubject, type ThreadRef, type ThreadSubject } from "@/lib/server/comments/find-thread-subject";
import type { AnnotationViewer } from "@/lib/server/assignments/visible-authors";
import { requireMentionable } from "@/lib/server/comments/require-mentionable";
import { notifyComment } from "@/lib/server/notifications/notify-comment";
import {
  claimIdempotencyKey,
  storeIdempotentAnswer,
  type IdempotencyClaim,
} from "@/lib/server/idempotency/idempotency";

/**
 * Adds a comment to an annotation's or a relation's thread (the first one starts it), in one
 * transaction with its notifications and events. A comment on a resolved
 * thread reopens it: the discussion is evidently not over.
 */
export async function createComment(options: {
  workspaceId: string;
  thread: ThreadRef;
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
    const thread = await findThreadSubject(tx, options);
    const comment = await insertComment(tx, { ...options, thread, parsed });
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
    thread: Pick<ThreadSubject, "annotationId" | "relationId" | "articleId" | "threadResolvedAt">;
    parsed: ParsedComment;
  },
): Promise<CommentView> {
  const { workspaceId, actorId, thread, parsed } = options;
  const { annotationId, relationId, articleId } = thread;
  await requireMentionable(tx, workspaceId, parsed.mentionIds);
  const comment = await tx.comment.create({
    data: {
      id: newId(),
      workspaceId,
      articleId,
      annotationId,
      relationId,
      authorId: actorId,
      body: parsed.body as object,
      text: parsed.text,
    },
    select: commentSelect,
  });
  if (thread.threadResolvedAt) {
    const reopen = { threadResolvedAt: null, threadResolvedById: null };
    if (relationId) await tx.relation.update({ where: { id: relationId }, data: reopen });
    else await tx.annotation.update({ where: { id: annotationId! }, data: reopen });
  }
  await recordActivity({
    tx,
    action: "comment.created",
    actorId,
    workspaceId,
    target: { type: "comment", id: comment.id },
    data: { articleId, annotationId, relationId, excerpt: activityExcerpt(parsed.text) },
  });
  await notifyComment(tx, {
    workspaceId,
    articleId,
    annotationId,
    relationId,
    commentId: comment.id,
    actorId,
    mentionedIds: parsed.mentionIds,
    participants: true,
  });
  await publishLive(tx, [
    {
      type: "comment.changed",
      workspaceId,
      articleId,
      data: { annotationId, relationId, commentId: comment.id },
    },
    ...(thread.threadResolvedAt
      ? [
          {
            type: "thread.changed" as const,
            workspaceId,
            articleId,
            data: { annotationId, relationId, resolved: false },
          },
        ]
      : []),
  ]);
  return toCommentView(comment);
}
