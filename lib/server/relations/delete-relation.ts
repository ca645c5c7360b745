import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { publishLive, type LiveEventInput } from "@/lib/server/live/publish-live";
import type { Actor } from "@/lib/server/annotations/find-annotation-for-write";
import { findRelationForWrite } from "@/lib/server/relations/find-relation-for-write";
import { relationChanged } from "@/lib/server/relations/relation-changed";
import { relationSelect, relationView, type RelationView } from "@/lib/server/relations/relation-select";

/** Soft-deletes a relation; restoreRelation brings back the same id. */
export async function deleteRelation(options: { workspaceId: string; relationId: string; actor: Actor }) {
  const { workspaceId, relationId, actor } = options;
  await db.$transaction(async (tx) => {
    const current = await findRelationForWrite(tx, { workspaceId, relationId, actor, deleted: false });
    await tx.relation.update({
      where: { id: current.id },
      data: { deletedAt: new Date(), deletedWithId: null, version: { increment: 1 } },
    });
    await recordActivity({
      tx,
      action: "relation.deleted",
      actorId: actor.id,
      workspaceId,
      target: { type: "relation", id: current.id },
      data: { articleId: current.articleId, type: current.type.name },
    });
    await publishLive(tx, [relationChanged(workspaceId, current.articleId, [current.id])]);
  });
}

/** Restores a soft-deleted relation whose two annotations are live (else 409). */
export async function restoreRelation(options: {
  workspaceId: string;
  relationId: string;
  actor: Actor;
}): Promise<RelationView> {
  const { workspaceId, relationId, actor } = options;
  return db.$transaction(async (tx) => {
    const current = await findRelationForWrite(tx, { workspaceId, relationId, actor, deleted: true });
    if (current.source.deletedAt || current.target.deletedAt) {
      throw new AppError("CONFLICT", "One of this relation's annotations is deleted; restore it first.");
    }
    const restored = await tx.relation.update({
      where: { id: current.id },
      data: { deletedAt: null, deletedWithId: null, version: { increment: 1 } },
      select: relationSelect,
    });
    await recordActivity({
      tx,
      action: "relation.restored",
      actorId: actor.id,
      workspaceId,
      target: { type: "relation", id: current.id },
      data: { articleId: current.articleId, type: current.type.name },
    });
    await publishLive(tx, [relationChanged(workspaceId, current.articleId, [current.id])]);
    return relationView(restored);
  });
}

/**
 * In the transaction deleting an annotation: soft-deletes its live relations,
 * remembering that annotation, and returns the live event to publish (none
 * when it had no relations).
 */
export async function deleteRelationsOfAnnotation(
  tx: Tx,
  annotation: { id: string; articleId: string; workspaceId: string },
): Promise<LiveEventInput[]> {
  const ids = (
    await tx.relation.findMany({
      where: { deletedAt: null, OR: [{ sourceId: annotation.id }, { targetId: annotation.id }] },
      select: { id: true },
    })
  ).map((r) => r.id);
  if (!ids.length) return [];
  await tx.relation.updateMany({
    where: { id: { in: ids } },
    data: { deletedAt: new Date(), deletedWithId: annotation.id, version: { increment: 1 } },
  });
  return [relationChanged(annotation.workspaceId, annotation.articleId, ids)];
}

/**
 * deleteRelationsOfAnnotation for many annotations at once (a tag-all
 * undone): one statement, each relation remembering the deleted end that
 * took it (its source when both went).
 */
export async function deleteRelationsOfAnnotations(
  tx: Tx,
  workspaceId: string,
  annotationIds: string[],
): Promise<LiveEventInput[]> {
  if (!annotationIds.length) return [];
  const now = new Date();
  const rows = await tx.$queryRaw<{ id: string; articleId: string }[]>`
    UPDATE "Relation"
       SET "deletedAt" = ${now}, "updatedAt" = ${now}, "version" = "version" + 1,
           "deletedWithId" = CASE WHEN "sourceId" = ANY(${annotationIds}::text[]) THEN "sourceId" ELSE "targetId" END
     WHERE "workspaceId" = ${workspaceId} AND "deletedAt" IS NULL
       AND ("sourceId" = ANY(${annotationIds}::text[]) OR "targetId" = ANY(${annotationIds}::text[]))
    RETURNING "id", "articleId"`;
  const byArticle = new Map<string, string[]>();
  for (const r of rows) byArticle.set(r.articleId, [...(byArticle.get(r.articleId) ?? []), r.id]);
  return [...byArticle].map(([articleId, ids]) => relationChanged(workspaceId, articleId, ids));
}

/**
 * In the transaction restoring an annotation: restores the relations its
 * deletion took with it, those whose other end is live.
 */
export async function restoreRelationsOfAnnotation(
  tx: Tx,
  annotation: { id: string; articleId: string; workspaceId: string },
): Promise<LiveEventInput[]> {
  const ids = (
    await tx.relation.findMany({
      where: {
        deletedWithId: annotation.id,
        deletedAt: { not: null },
        OR: [
          { sourceId: annotation.id, target: { deletedAt: null } },
          { targetId: annotation.id, source: { deletedAt: null } },
        ],
      },
      select: { id: true },
    })
  ).map((r) => r.id);
  if (!ids.length) return [];
  await tx.relation.updateMany({
    where: { id: { in: ids } },
    data: { deletedAt: null, deletedWithId: null, version: { increment: 1 } },
  });
  return [relationChanged(annotation.workspaceId, annotation.articleId, ids)];
}
