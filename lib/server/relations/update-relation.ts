import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { publishLive } from "@/lib/server/live/publish-live";
import type { Actor } from "@/lib/server/annotations/find-annotation-for-write";
import { checkRelationEnds } from "@/lib/server/relations/check-relation-ends";
import { findRelationForWrite } from "@/lib/server/relations/find-relation-for-write";
import { relationChanged } from "@/lib/server/relations/relation-changed";
import { relationSelect, relationView, type RelationView } from "@/lib/server/relations/relation-select";
import type { UpdateRelationInput } from "@/lib/validations/relation";

/**
 * Changes a relation's type or note, or reverses it. The write only lands on
 * the version the client saw: a newer one answers 409 with the current relation.
 */
export async function updateRelation(options: {
  workspaceId: string;
  relationId: string;
  actor: Actor;
  input: UpdateRelationInput;
}): Promise<RelationView> {
  const { workspaceId, relationId, actor, input } = options;
  return db.$transaction(async (tx) => {
    const current = await findRelationForWrite(tx, { workspaceId, relationId, actor, deleted: false });
    const [sourceId, targetId] = input.reverse
      ? [current.targetId, current.sourceId]
      : [current.sourceId, current.targetId];
    const typeId = input.typeId ?? current.typeId;
    if (input.reverse || input.typeId !== undefined) {
      await checkRelationEnds(tx, { workspaceId, articleId: current.articleId, actor, sourceId, targetId, typeId });
    }
    const { count } = await tx.relation.updateMany({
      where: { id: relationId, workspaceId, version: input.version, deletedAt: null },
      data: {
        sourceId,
        targetId,
        typeId,
        ...(input.note !== undefined ? { note: input.note || null } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const latest = await tx.relation.findUniqueOrThrow({ where: { id: relationId }, select: relationSelect });
      throw new AppError(
        "CONFLICT",
        "Someone else changed this relation since you loaded it. It has been reloaded; check it and try again.",
        { details: { current: relationView(latest), yourVersion: input.version, currentVersion: current.version } },
      );
    }
    await recordActivity({
      tx,
      action: "relation.updated",
      actorId: actor.id,
      workspaceId,
      target: { type: "relation", id: relationId },
      data: {
        articleId: current.articleId,
        ...(input.typeId !== undefined ? { typeId: input.typeId } : {}),
        ...(input.reverse ? { reversed: true } : {}),
      },
    });
    await publishLive(tx, [relationChanged(workspaceId, current.articleId, [relationId])]);
    return relationView(await tx.relation.findUniqueOrThrow({ where: { id: relationId }, select: relationSelect }));
  });
}
