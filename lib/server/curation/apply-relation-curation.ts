import "server-only";
import { db } from "@/lib/db";
import { CURATION_REJECTION_REASON } from "@/lib/curation/curation-plan";
import { notFound } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { publishLive } from "@/lib/server/live/publish-live";
import { decideRelations } from "@/lib/server/relations/review-relations";
import type { ApplyRelationCurationInput } from "@/lib/validations/curation";

export type RelationCurationResult = {
  accepted: number;
  rejected: number;
  /** Every relation asked about, as it is now. */
  relations: { id: string; status: "PROPOSED" | "ACCEPTED" | "REJECTED"; version: number }[];
};

/**
 * Records a curator's decisions on an article's relations in one transaction,
 * through the review logic (`decideRelations`): live relations of this article
 * at the version the curator saw (409 otherwise, nothing written), self-review
 * rules applied, rejected ones with the reason `CURATION_REJECTION_REASON`.
 * Each decision is a `relation.reviewed` event marked `curated`, the curation
 * an `article.curated` event of kind `relations`; viewers of the article are
 * told live.
 */
export async function applyRelationCuration(options: {
  workspaceId: string;
  articleId: string;
  actor: { id: string; role: Role };
  items: ApplyRelationCurationInput["items"];
}): Promise<RelationCurationResult> {
  const { workspaceId, articleId, actor } = options;
  const items = options.items.map((i) => ({
    ...i,
    reason: i.decision === "REJECTED" ? CURATION_REJECTION_REASON : undefined,
  }));
  return db.$transaction(async (tx) => {
    const article = await tx.article.findFirst({
      where: { id: articleId, workspaceId, deletedAt: null },
      select: { id: true, title: true },
    });
    if (!article) throw notFound("Article");
    const { live } = await decideRelations(tx, {
      workspaceId,
      articleId,
      actor,
      items,
      activityData: { curated: true },
    });
    const accepted = items.filter((i) => i.decision === "ACCEPTED").length;
    const rejected = items.length - accepted;
    await recordActivity({
      tx,
      action: "article.curated",
      actorId: actor.id,
      workspaceId,
      target: { type: "article", id: articleId },
      data: { title: article.title, accepted, rejected, kind: "relations" },
    });
    await publishLive(tx, live);
    const rows = await tx.relation.findMany({
      where: { id: { in: items.map((i) => i.id) } },
      select: { id: true, status: true, version: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { accepted, rejected, relations: items.map((i) => byId.get(i.id)!) };
  });
}
