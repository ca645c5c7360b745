import "server-only";
import { db } from "@/lib/db";
import type { ThreadView } from "@/lib/comments/comment-view";
import { publishLive } from "@/lib/server/live/publish-live";
import { activityExcerpt, recordActivity } from "@/lib/server/activity/record-activity";
import { findThread } from "@/lib/server/comments/find-thread";
import { findThreadSubject, type ThreadRef } from "@/lib/server/comments/find-thread-subject";
import type { AnnotationViewer } from "@/lib/server/assignments/visible-authors";

/** Resolves an annotation's or a relation's discussion, or reopens it. */
export async function setThreadResolved(options: {
  workspaceId: string;
  thread: ThreadRef;
  actorId: string;
  viewer: AnnotationViewer;
  resolved: boolean;
}): Promise<ThreadView> {
  const { workspaceId, thread, actorId, viewer, resolved } = options;
  await db.$transaction(async (tx) => {
    const subject = await findThreadSubject(tx, { workspaceId, thread, viewer });
    if ((subject.threadResolvedAt !== null) === resolved) return;
    const data = resolved
      ? { threadResolvedAt: new Date(), threadResolvedById: actorId }
      : { threadResolvedAt: null, threadResolvedById: null };
    if (subject.relationId) await tx.relation.update({ where: { id: subject.relationId }, data });
    else await tx.annotation.update({ where: { id: subject.annotationId! }, data });
    await recordActivity({
      tx,
      action: resolved ? "thread.resolved" : "thread.reopened",
      actorId,
      workspaceId,
      target: subject.relationId
        ? { type: "relation", id: subject.relationId }
        : { type: "annotation", id: subject.annotationId! },
      data: subject.relationId
        ? { articleId: subject.articleId, type: subject.label }
        : { articleId: subject.articleId, exact: activityExcerpt(subject.label) },
    });
    await publishLive(tx, [
      {
        type: "thread.changed",
        workspaceId,
        articleId: subject.articleId,
        data: { annotationId: subject.annotationId, relationId: subject.relationId, resolved },
      },
    ]);
  });
  return findThread({ workspaceId, thread, viewer });
}
