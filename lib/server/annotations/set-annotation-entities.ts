import "server-only";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordActivities } from "@/lib/server/activity/record-activity";
import { annotationChanged } from "@/lib/server/annotations/annotation-changed";
import type { Actor } from "@/lib/server/annotations/find-annotation-for-write";
import { canSeeAnnotation, findAnnotationVisibility } from "@/lib/server/assignments/visible-authors";
import { requireUsableEntity } from "@/lib/server/entities/require-usable-entity";
import { publishLive } from "@/lib/server/live/publish-live";
import type { SetAnnotationEntitiesInput, SetAnnotationEntitiesResult } from "@/lib/validations/search";

const staleMessage = "Someone changed some of these annotations since you loaded them. Reload and try again.";

/**
 * Sets the entity of many annotations in one transaction, all or none: each
 * must be live, on a live article of the workspace, visible to the actor
 * (404 otherwise), the actor's own unless they may change anyone's (403), and
 * at the version the actor saw (409 with the current versions). Returns the
 * new versions and the entities they had, which undo the change when sent back.
 */
export async function setAnnotationEntities(options: {
  workspaceId: string;
  actor: Actor;
  items: SetAnnotationEntitiesInput["items"];
}): Promise<SetAnnotationEntitiesResult> {
  const { workspaceId, actor, items } = options;
  return db.$transaction(async (tx) => {
    const ids = items.map((i) => i.id);
    const annotations = await tx.annotation.findMany({
      where: { id: { in: ids }, workspaceId, deletedAt: null, article: { deletedAt: null } },
      select: { id: true, articleId: true, authorId: true, version: true, entityId: true },
    });
    if (annotations.length !== ids.length) throw notFound("Annotation");
    const others = annotations.filter((a) => a.authorId !== actor.id);
    if (others.length && !can(actor.role, "annotation.manageAny")) {
      const visibility = await findAnnotationVisibility({ workspaceId, viewer: actor }, tx);
      if (others.some((a) => !canSeeAnnotation(visibility, a))) throw notFound("Annotation");
      throw new AppError("FORBIDDEN", "Only its author, a reviewer or an owner can change an annotation's entity.");
    }
    for (const entityId of new Set(items.flatMap((i) => (i.entityId ? [i.entityId] : [])))) {
      await requireUsableEntity(tx, workspaceId, entityId);
    }
    const byId = new Map(annotations.map((a) => [a.id, a]));
    const stale = items.filter((i) => byId.get(i.id)!.version !== i.version);
    if (stale.length) {
      throw new AppError("CONFLICT", staleMessage, {
        details: { current: stale.map((i) => ({ id: i.id, version: byId.get(i.id)!.version })) },
      });
    }
    // One statement; the version in the WHERE makes a concurrent change lose (and roll everything back).
    const updated = await tx.$queryRaw<{ id: string; version: number }[]>`
      UPDATE "Annotation" a SET "entityId" = v."entityId", version = a.version + 1, "updatedAt" = CURRENT_TIMESTAMP
        FROM unnest(${ids}::text[], ${items.map((i) => i.version)}::int[], ${items.map((i) => i.entityId)}::text[])
             AS v(id, version, "entityId")
       WHERE a.id = v.id AND a.version = v.version AND a."workspaceId" = ${workspaceId} AND a."deletedAt" IS NULL
      RETURNING a.id, a.version`;
    if (updated.length !== items.length) throw new AppError("CONFLICT", staleMessage);
    await recordActivities(
      tx,
      items.map((i) => ({
        action: "annotation.updated" as const,
        actorId: actor.id,
        workspaceId,
        target: { type: "annotation", id: i.id },
        data: { articleId: byId.get(i.id)!.articleId, entityId: i.entityId } satisfies Prisma.InputJsonObject,
      })),
    );
    const byArticle = new Map<string, typeof annotations>();
    for (const a of annotations) byArticle.set(a.articleId, [...(byArticle.get(a.articleId) ?? []), a]);
    await publishLive(
      tx,
      [...byArticle.values()].map((list) => annotationChanged(workspaceId, list)),
    );
    const versions = new Map(updated.map((u) => [u.id, u.version]));
    return {
      items: items.map((i) => ({ id: i.id, version: versions.get(i.id)!, previousEntityId: byId.get(i.id)!.entityId })),
    };
  });
}
