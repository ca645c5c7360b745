import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { parseCommentBody } from "@/lib/comments/parse-comment-body";
import type { Role } from "@/lib/generated/prisma/enums";
import { activityExcerpt, recordActivities } from "@/lib/server/activity/record-activity";
import { annotationChanged } from "@/lib/server/annotations/annotation-changed";
import { annotationSelect, type AnnotationView } from "@/lib/server/annotations/annotation-select";
import { insertComment } from "@/lib/server/comments/create-comment";
import { publishLive } from "@/lib/server/live/publish-live";

export type ReviewDecision = "ACCEPTED" | "REJECTED" | "PROPOSED";

/**
 * Records one decision on annotations, all or none: each must be live and at
 * the version the reviewer saw (409 otherwise, with the current versions). A
 * reviewer's own annotations need someone else unless the workspace allows
 * self-review. A rejection's reason is posted to each annotation's thread;
 * authors are notified of decisions; PROPOSED undoes a decision.
 */
export async function reviewAnnotations(options: {
  workspaceId: string;
  actor: { id: string; role: Role };
  items: readonly { id: string; version: number }[];
  decision: ReviewDecision;
  reason?: string;
}): Promise<AnnotationView[]> {
  const { workspaceId, actor, decision } = options;
  const reason = decision === "REJECTED" ? (options.reason ?? "").trim() : null;
  const ids = [...new Set(options.items.map((i) => i.id))];
  return db.$transaction(
    async (tx) => {
      const [workspace, annotations] = await Promise.all([
        tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { selfReviewAllowed: true } }),
        tx.annotation.findMany({
          where: { id: { in: ids }, workspaceId, deletedAt: null, article: { deletedAt: null } },
          select: { id: true, articleId: true, authorId: true, version: true, exact: true, threadResolvedAt: true },
        }),
      ]);
      if (annotations.length !== ids.length) throw notFound("Annotation");
      if (!workspace.selfReviewAllowed && annotations.some((a) => a.authorId === actor.id)) {
        throw new AppError(
          "FORBIDDEN",
          "In this workspace, your own annotations are reviewed by another reviewer or an owner.",
        );
      }
      const seen = new Map(options.items.map((i) => [i.id, i.version]));
      const stale = annotations.filter((a) => a.version !== seen.get(a.id));
      if (stale.length) {
        throw new AppError(
          "CONFLICT",
          "Someone changed these annotations since you loaded them. They have been reloaded.",
          {
            details: { current: stale.map((a) => ({ id: a.id, version: a.version })) },
          },
        );
      }
      const reviewed = decision === "PROPOSED" ? null : new Date();
      for (const a of annotations) {
        // The version in the WHERE makes a concurrent decision lose (and roll everything back).
        const { count } = await tx.annotation.updateMany({
          where: { id: a.id, version: a.version },
          data: {
            status: decision,
            reviewedAt: reviewed,
            reviewedById: reviewed ? actor.id : null,
            rejectionReason: reason,
            version: { increment: 1 },
          },
        });
        if (count === 0) {
          throw new AppError(
            "CONFLICT",
            "Someone changed these annotations since you loaded them. They have been reloaded.",
            {
              details: { current: [{ id: a.id }] },
            },
          );
        }
      }
      const comments = new Map<string, string>();
      if (reason) {
        const parsed = parseCommentBody({
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: `Rejected: ${reason}` }] }],
        });
        for (const a of annotations) {
          const comment = await insertComment(tx, { workspaceId, actorId: actor.id, annotation: a, parsed });
          comments.set(a.id, comment.id);
        }
      }
      await recordActivities(
        tx,
        annotations.map((a) => ({
          action: "annotation.reviewed" as const,
          actorId: actor.id,
          workspaceId,
          target: { type: "annotation", id: a.id },
          data: { articleId: a.articleId, exact: activityExcerpt(a.exact), decision, reason },
        })),
      );
      // An undo takes a decision back; the author heard of the decision and needs no second message.
      const notified = decision === "PROPOSED" ? [] : annotations.filter((a) => a.authorId !== actor.id);
      const notifications = notified.map((a) => ({
        id: newId(),
        recipientId: a.authorId,
        workspaceId,
        kind: "REVIEW" as const,
        actorId: actor.id,
        articleId: a.articleId,
        annotationId: a.id,
        commentId: comments.get(a.id) ?? null,
      }));
      if (notifications.length) await tx.notification.createMany({ data: notifications });
      const byArticle = new Map<string, typeof annotations>();
      for (const a of annotations) byArticle.set(a.articleId, [...(byArticle.get(a.articleId) ?? []), a]);
      await publishLive(tx, [
        ...[...byArticle.values()].map((list) => annotationChanged(workspaceId, list)),
        ...notifications.map((n) => ({
          type: "notification.created" as const,
          workspaceId,
          recipientId: n.recipientId,
          data: { notificationId: n.id },
        })),
      ]);
      const updated = await tx.annotation.findMany({ where: { id: { in: ids } }, select: annotationSelect });
      const byId = new Map(updated.map((a) => [a.id, a]));
      return ids.map((id) => byId.get(id)!);
    },
    { timeout: 30_000 },
  );
}
