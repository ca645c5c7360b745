import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { annotationChanged } from "@/lib/server/annotations/annotation-changed";
import { publishLive } from "@/lib/server/live/publish-live";
import { entitySelect, type EntityView } from "@/lib/server/entities/entity-select";

/**
 * Merges `entityId` into `intoId`: its mentions move to the survivor, names and
 * aliases are united, and the merged entity is kept (pointing at the survivor)
 * so the merge stays traceable.
 */
export async function mergeEntities(options: {
  workspaceId: string;
  actorId: string;
  entityId: string;
  intoId: string;
}): Promise<EntityView> {
  const { workspaceId, actorId, entityId, intoId } = options;
  if (entityId === intoId)
    throw new AppError("UNPROCESSABLE", "An entity cannot be merged into itself.", {
      details: { fieldErrors: { intoId: ["Choose another entity."] } },
    });
  return db.$transaction(async (tx) => {
    // One transaction is one connection: its queries run in turn (pg@9 refuses a query while one runs).
    const live = (id: string) =>
      tx.entity.findFirst({
        where: { id, workspaceId, deletedAt: null, mergedIntoId: null },
        select: { id: true, name: true, aliases: true },
      });
    const from = await live(entityId);
    const into = await live(intoId);
    if (!from || !into) throw notFound("Entity");
    const aliases = [...new Set([...into.aliases, from.name, ...from.aliases])].filter((a) => a !== into.name);
    const affected = await tx.annotation.findMany({
      where: { workspaceId, entityId, deletedAt: null },
      select: { id: true, articleId: true },
    });
    const moved = await tx.annotation.updateMany({
      where: { workspaceId, entityId },
      data: { entityId: intoId, version: { increment: 1 } },
    });
    await tx.entity.update({ where: { id: entityId }, data: { mergedIntoId: intoId, version: { increment: 1 } } });
    const survivor = await tx.entity.update({
      where: { id: intoId },
      data: { aliases, version: { increment: 1 } },
      select: entitySelect,
    });
    await recordActivity({
      tx,
      action: "entity.merged",
      actorId,
      workspaceId,
      target: { type: "entity", id: intoId },
      data: { mergedId: entityId, mergedName: from.name, into: into.name, mentionsMoved: moved.count },
    });
    // Readers of each article with moved mentions redraw them under the survivor.
    const byArticle = new Map<string, typeof affected>();
    for (const a of affected) byArticle.set(a.articleId, [...(byArticle.get(a.articleId) ?? []), a]);
    await publishLive(
      tx,
      [...byArticle.values()].map((annotations) => annotationChanged(workspaceId, annotations)),
    );
    return survivor;
  });
}
