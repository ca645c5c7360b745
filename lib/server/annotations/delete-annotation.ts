import "server-only";
import { db } from "@/lib/db";
import { activityExcerpt, recordActivity } from "@/lib/server/activity/record-activity";
import { publishLive } from "@/lib/server/live/publish-live";
import { annotationSelect, type AnnotationView } from "@/lib/server/annotations/annotation-select";
import { findAnnotationForWrite, type Actor } from "@/lib/server/annotations/find-annotation-for-write";
import { annotationChanged } from "@/lib/server/annotations/annotation-changed";
import { deleteRelationsOfAnnotation, restoreRelationsOfAnnotation } from "@/lib/server/relations/delete-relation";

/** Soft-deletes an annotation and its relations; restoreAnnotation brings them back with the same ids. */
export async function deleteAnnotation(options: {
  workspaceId: string;
  annotationId: string;
  actor: Actor;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await findAnnotationForWrite(tx, { ...options, deleted: false });
    await tx.annotation.update({
      where: { id: current.id },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    await recordActivity({
      tx,
      action: "annotation.deleted",
      actorId: options.actor.id,
      workspaceId: options.workspaceId,
      target: { type: "annotation", id: current.id },
      data: { articleId: current.articleId, exact: activityExcerpt(current.exact) },
    });
    const relations = await deleteRelationsOfAnnotation(tx, { ...current, workspaceId: options.workspaceId });
    await publishLive(tx, [annotationChanged(options.workspaceId, current), ...relations]);
  });
}

/** Restores a soft-deleted annotation with its id, anchor and thread intact, and the relations its deletion took. */
export async function restoreAnnotation(options: {
  workspaceId: string;
  annotationId: string;
  actor: Actor;
}): Promise<AnnotationView> {
  return db.$transaction(async (tx) => {
    const current = await findAnnotationForWrite(tx, { ...options, deleted: true });
    const restored = await tx.annotation.update({
      where: { id: current.id },
      data: { deletedAt: null, version: { increment: 1 } },
      select: annotationSelect,
    });
    await recordActivity({
      tx,
      action: "annotation.restored",
      actorId: options.actor.id,
      workspaceId: options.workspaceId,
      target: { type: "annotation", id: current.id },
      data: { articleId: current.articleId },
    });
    const relations = await restoreRelationsOfAnnotation(tx, { ...current, workspaceId: options.workspaceId });
    await publishLive(tx, [annotationChanged(options.workspaceId, current), ...relations]);
    return restored;
  });
}
