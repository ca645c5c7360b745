import "server-only";
import { db } from "@/lib/db";
import type { ThreadView } from "@/lib/comments/comment-view";
import { publishLive } from "@/lib/server/live/publish-live";
import { activityExcerpt, recordActivity } from "@/lib/server/activity/record-activity";
import { findThread } from "@/lib/server/comments/find-thread";
import { findThreadAnnotation } from "@/lib/server/comments/find-thread-annotation";
import type { AnnotationViewer } from "@/lib/server/assignments/visible-authors";

/** Resolves an annotation's discussion, or reopens it. */
export async function setThreadResolved(options: {
  workspaceId: string;
  annotationId: string;
  actorId: string;
  viewer: AnnotationViewer;
  resolved: boolean;
}): Promise<ThreadView> {
  const { workspaceId, annotationId, actorId, viewer, resolved } = options;
  await db.$transaction(async (tx) => {
    const annotation = await findThreadAnnotation(tx, { workspaceId, annotationId, viewer });
    if ((annotation.threadResolvedAt !== null) === resolved) return;
    await tx.annotation.update({
      where: { id: annotationId },
      data: resolved
        ? { threadResolvedAt: new Date(), threadResolvedById: actorId }
        : { threadResolvedAt: null, threadResolvedById: null },
    });
    await recordActivity({
      tx,
      action: resolved ? "thread.resolved" : "thread.reopened",
      actorId,
      workspaceId,
      target: { type: "annotation", id: annotationId },
      data: { articleId: annotation.articleId, exact: activityExcerpt(annotation.exact) },
    });
    await publishLive(tx, [
      { type: "thread.changed", workspaceId, articleId: annotation.articleId, data: { annotationId, resolved } },
    ]);
  });
  return findThread({ workspaceId, annotationId, viewer });
}
