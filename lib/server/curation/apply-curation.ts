import "server-only";
import { db } from "@/lib/db";
import { CURATION_REJECTION_REASON } from "@/lib/curation/curation-plan";
import { notFound } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { publishLive } from "@/lib/server/live/publish-live";
import { decideAnnotations } from "@/lib/server/reviews/review-annotations";
import type { ApplyCurationInput } from "@/lib/validations/curation";

export type CurationResult = {
  accepted: number;
  rejected: number;
  /** Already in the status asked for: checked, not written. */
  unchanged: number;
  /** Every annotation asked about, as it is now. */
  annotations: { id: string; status: "PROPOSED" | "ACCEPTED" | "REJECTED"; version: number }[];
};

/**
 * Makes a curation's picks the accepted ("gold") set of an article in one
 * transaction, through the review logic (`decideAnnotations`): the picked
 * annotations are accepted, the others of a decided difference rejected with
 * the reason `CURATION_REJECTION_REASON` (posted to their threads). Every
 * annotation must be a live one of this article at the version the reviewer
 * saw (409 otherwise, nothing written); self-review rules apply. Annotations
 * already in the status asked for are not written again. Authors are
 * notified, each decision is an `annotation.reviewed` event marked `curated`,
 * and the curation itself an `article.curated` event.
 */
export async function applyCuration(options: {
  workspaceId: string;
  articleId: string;
  actor: { id: string; role: Role };
  items: ApplyCurationInput["items"];
}): Promise<CurationResult> {
  const { workspaceId, articleId, actor } = options;
  const items = options.items.map((i) => ({
    ...i,
    reason: i.decision === "REJECTED" ? CURATION_REJECTION_REASON : null,
  }));
  return db.$transaction(
    async (tx) => {
      const article = await tx.article.findFirst({
        where: { id: articleId, workspaceId, deletedAt: null },
        select: { id: true, title: true },
      });
      if (!article) throw notFound("Article");
      const { changed, live } = await decideAnnotations(tx, {
        workspaceId,
        articleId,
        actor,
        items,
        skipUnchanged: true,
        activityData: { curated: true },
      });
      const written = new Set(changed);
      const decision = new Map(items.map((i) => [i.id, i.decision]));
      const accepted = changed.filter((id) => decision.get(id) === "ACCEPTED").length;
      const rejected = changed.length - accepted;
      if (changed.length) {
        await recordActivity({
          tx,
          action: "article.curated",
          actorId: actor.id,
          workspaceId,
          target: { type: "article", id: articleId },
          data: { title: article.title, accepted, rejected },
        });
      }
      const rows = await tx.annotation.findMany({
        where: { id: { in: items.map((i) => i.id) } },
        select: { id: true, status: true, version: true },
      });
      await publishLive(tx, live);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return {
        accepted,
        rejected,
        unchanged: items.filter((i) => !written.has(i.id)).length,
        annotations: items.map((i) => byId.get(i.id)!),
      };
    },
    { timeout: 60_000 },
  );
}
