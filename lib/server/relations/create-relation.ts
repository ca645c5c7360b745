import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { articleAccessWhere } from "@/lib/auth/access";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { publishLive } from "@/lib/server/live/publish-live";
import type { Actor } from "@/lib/server/annotations/find-annotation-for-write";
import { checkRelationEnds } from "@/lib/server/relations/check-relation-ends";
import { relationChanged } from "@/lib/server/relations/relation-changed";
import { relationSelect, relationView, type RelationView } from "@/lib/server/relations/relation-select";
import type { CreateRelationInput } from "@/lib/validations/relation";

/**
 * Links two live annotations of an article with a typed relation, after
 * checking the type's argument constraints (422) and the actor's sight of
 * both ends (404). Logged and announced live in the same transaction.
 */
export async function createRelation(options: {
  workspaceId: string;
  articleId: string;
  actor: Actor;
  input: CreateRelationInput;
}): Promise<RelationView> {
  const { workspaceId, articleId, actor, input } = options;
  return db.$transaction(async (tx) => {
    const article = await tx.article.findFirst({
      where: { id: articleId, ...articleAccessWhere({ workspaceId }) },
      select: { id: true },
    });
    if (!article) throw notFound("Article");
    const { typeName } = await checkRelationEnds(tx, { workspaceId, articleId, actor, ...input });
    const created = await tx.relation.create({
      data: {
        id: newId(),
        workspaceId,
        articleId,
        sourceId: input.sourceId,
        targetId: input.targetId,
        typeId: input.typeId,
        authorId: actor.id,
        note: input.note || null,
      },
      select: relationSelect,
    });
    await recordActivity({
      tx,
      action: "relation.created",
      actorId: actor.id,
      workspaceId,
      target: { type: "relation", id: created.id },
      data: { articleId, type: typeName, sourceId: input.sourceId, targetId: input.targetId },
    });
    await publishLive(tx, [relationChanged(workspaceId, articleId, [created.id])]);
    return relationView(created);
  });
}
