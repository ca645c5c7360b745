import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordActivities } from "@/lib/server/activity/record-activity";
import { publishLive, type LiveEventInput } from "@/lib/server/live/publish-live";
import type { ReviewItem } from "@/lib/server/reviews/review-annotations";
import { relationChanged } from "@/lib/server/relations/relation-changed";
import { relationSelect, relationView, type RelationView } from "@/lib/server/relations/relation-select";

/**
 * Records review decisions on relations inside the caller's transaction, all
 * or none, with the rules of annotations: live, in the workspace (and
 * `articleId` when given), at the version the reviewer saw (409), a
 * reviewer's own relations need someone else unless the workspace allows
 * self-review, a rejection carries its reason, PROPOSED undoes a decision.
 */
export async function decideRelations(
  tx: Tx,
  options: {
    workspaceId: string;
    articleId?: string;
    actor: { id: string; role: Role };
    items: readonly ReviewItem[];
    activityData?: Record<string, string | number | boolean>;
  },
): Promise<{ changed: string[]; live: LiveEventInput[] }> {
  const { workspaceId, actor } = options;
  const byId = new Map(options.items.map((i) => [i.id, i]));
  const ids = [...byId.keys()];
  if (!ids.length) return { changed: [], live: [] };
  // One transaction is one connection: its queries run in turn (pg@9 refuses a query while one runs).
  const workspace = await tx.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { selfReviewAllowed: true },
  });
  const relations = await tx.relation.findMany({
    where: {
      id: { in: ids },
      workspaceId,
      deletedAt: null,
      article: { deletedAt: null },
      ...(options.articleId ? { articleId: options.articleId } : {}),
    },
    select: { id: true, articleId: true, authorId: true, version: true },
  });
  if (relations.length !== ids.length) throw notFound("Relation");
  if (!workspace.selfReviewAllowed && relations.some((r) => r.authorId === actor.id)) {
    throw new AppError(
      "FORBIDDEN",
      "In this workspace, your own relations are reviewed by another reviewer or an owner.",
    );
  }
  const stale = relations.filter((r) => r.version !== byId.get(r.id)!.version);
  if (stale.length) {
    throw new AppError("CONFLICT", "Someone changed these relations since you loaded them. They have been reloaded.", {
      details: { current: stale.map((r) => ({ id: r.id, version: r.version })) },
    });
  }
  const now = new Date();
  for (const r of relations) {
    const item = byId.get(r.id)!;
    const undecided = item.decision === "PROPOSED";
    await tx.relation.update({
      where: { id: r.id },
      data: {
        status: item.decision,
        reviewedAt: undecided ? null : now,
        reviewedById: undecided ? null : actor.id,
        rejectionReason: item.decision === "REJECTED" ? (item.reason ?? null) : null,
        version: { increment: 1 },
      },
    });
  }
  await recordActivities(
    tx,
    relations.map((r) => ({
      action: "relation.reviewed" as const,
      actorId: actor.id,
      workspaceId,
      target: { type: "relation", id: r.id },
      data: { articleId: r.articleId, decision: byId.get(r.id)!.decision, ...(options.activityData ?? {}) },
    })),
  );
  const byArticle = new Map<string, string[]>();
  for (const r of relations) byArticle.set(r.articleId, [...(byArticle.get(r.articleId) ?? []), r.id]);
  return {
    changed: relations.map((r) => r.id),
    live: [...byArticle].map(([articleId, list]) => relationChanged(workspaceId, articleId, list)),
  };
}

/** Records one decision on one relation and returns it as it is now. */
export async function reviewRelation(options: {
  workspaceId: string;
  relationId: string;
  actor: { id: string; role: Role };
  item: Omit<ReviewItem, "id">;
}): Promise<RelationView> {
  const { workspaceId, relationId, actor, item } = options;
  return db.$transaction(async (tx) => {
    const { live } = await decideRelations(tx, { workspaceId, actor, items: [{ ...item, id: relationId }] });
    await publishLive(tx, live);
    return relationView(await tx.relation.findUniqueOrThrow({ where: { id: relationId }, select: relationSelect }));
  });
}
