import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { parseCommentBody } from "@/lib/comments/parse-comment-body";
import type { Role } from "@/lib/generated/prisma/enums";
import { activityExcerpt, recordActivities } from "@/lib/server/activity/record-activity";
import { annotationChanged } from "@/lib/server/annotations/annotation-changed";
import { annotationSelect, type AnnotationView } from "@/lib/server/annotations/annotation-select";
import { insertComment } from "@/lib/server/comments/create-comment";
import { publishLive, type LiveEventInput } from "@/lib/server/live/publish-live";

export type ReviewDecision = "ACCEPTED" | "REJECTED" | "PROPOSED";

/** One decision on one annotation, at the version the reviewer saw; a rejection carries its reason. */
export type ReviewItem = { id: string; version: number; decision: ReviewDecision; reason?: string | null };

const staleMessage = "Someone changed these annotations since you loaded them. They have been reloaded.";

/**
 * Records decisions on annotations inside the caller's transaction, all or
 * none: each must be live, in the workspace (and in `articleId` when given)
 * and at the version the reviewer saw (409 otherwise, with the current
 * versions). A reviewer's own annotations need someone else unless the
 * workspace allows self-review. A rejection's reason is posted to the
 * annotation's thread; authors are notified of decisions; PROPOSED undoes a
 * decision. With `skipUnchanged`, an annotation already in the decided status
 * is checked but not written again (no event, no notification). Returns the
 * ids written and the live events to publish, which the caller passes to
 * `publishLive` as its transaction's last write.
 */
export async function decideAnnotations(
  tx: Tx,
  options: {
    workspaceId: string;
    articleId?: string;
    actor: { id: string; role: Role };
    items: readonly ReviewItem[];
    skipUnchanged?: boolean;
    /** Extra fields for each `annotation.reviewed` event (e.g. `{ curated: true }`). */
    activityData?: Record<string, string | number | boolean>;
  },
): Promise<{ changed: string[]; live: LiveEventInput[] }> {
  const { workspaceId, actor } = options;
  const byId = new Map(options.items.map((i) => [i.id, i]));
  const ids = [...byId.keys()];
  // One transaction is one connection: its queries run in turn (pg@9 refuses a query while one runs).
  const workspace = await tx.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { selfReviewAllowed: true },
  });
  const annotations = await tx.annotation.findMany({
    where: {
      id: { in: ids },
      workspaceId,
      deletedAt: null,
      article: { deletedAt: null },
      ...(options.articleId ? { articleId: options.articleId } : {}),
    },
    select: {
      id: true,
      articleId: true,
      authorId: true,
      version: true,
      status: true,
      exact: true,
      threadResolvedAt: true,
    },
  });
  if (annotations.length !== ids.length) throw notFound("Annotation");
  const changed = options.skipUnchanged
    ? annotations.filter((a) => a.status !== byId.get(a.id)!.decision)
    : annotations;
  if (!workspace.selfReviewAllowed && changed.some((a) => a.authorId === actor.id)) {
    throw new AppError(
      "FORBIDDEN",
      "In this workspace, your own annotations are reviewed by another reviewer or an owner.",
    );
  }
  const stale = annotations.filter((a) => a.version !== byId.get(a.id)!.version);
  if (stale.length) {
    throw new AppError("CONFLICT", staleMessage, {
      details: { current: stale.map((a) => ({ id: a.id, version: a.version })) },
    });
  }
  if (changed.length === 0) return { changed: [], live: [] };
  const reviewed = new Date();
  const reasons = new Map<string, string | null>();
  for (const a of changed) {
    const { decision } = byId.get(a.id)!;
    const reason = decision === "REJECTED" ? (byId.get(a.id)!.reason ?? "").trim() : null;
    reasons.set(a.id, reason);
    // The version in the WHERE makes a concurrent decision lose (and roll everything back).
    const { count } = await tx.annotation.updateMany({
      where: { id: a.id, version: a.version },
      data: {
        status: decision,
        reviewedAt: decision === "PROPOSED" ? null : reviewed,
        reviewedById: decision === "PROPOSED" ? null : actor.id,
        rejectionReason: reason,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new AppError("CONFLICT", staleMessage, { details: { current: [{ id: a.id }] } });
  }
  const comments = new Map<string, string>();
  for (const a of changed) {
    const reason = reasons.get(a.id);
    if (!reason) continue;
    const parsed = parseCommentBody({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: `Rejected: ${reason}` }] }],
    });
    const comment = await insertComment(tx, {
      workspaceId,
      actorId: actor.id,
      thread: { annotationId: a.id, relationId: null, articleId: a.articleId, threadResolvedAt: a.threadResolvedAt },
      parsed,
    });
    comments.set(a.id, comment.id);
  }
  await recordActivities(
    tx,
    changed.map((a) => ({
      action: "annotation.reviewed" as const,
      actorId: actor.id,
      workspaceId,
      target: { type: "annotation", id: a.id },
      data: {
        articleId: a.articleId,
        exact: activityExcerpt(a.exact),
        decision: byId.get(a.id)!.decision,
        reason: reasons.get(a.id) ?? null,
        ...options.activityData,
      },
    })),
  );
  // An undo takes a decision back; the author heard of the decision and needs no second message.
  const notified = changed.filter((a) => byId.get(a.id)!.decision !== "PROPOSED" && a.authorId !== actor.id);
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
  const byArticle = new Map<string, typeof changed>();
  for (const a of changed) byArticle.set(a.articleId, [...(byArticle.get(a.articleId) ?? []), a]);
  const live: LiveEventInput[] = [
    ...[...byArticle.values()].map((list) => annotationChanged(workspaceId, list)),
    ...notifications.map((n) => ({
      type: "notification.created" as const,
      workspaceId,
      recipientId: n.recipientId,
      data: { notificationId: n.id },
    })),
  ];
  return { changed: changed.map((a) => a.id), live };
}

/**
 * Records one decision on annotations, all or none (see `decideAnnotations`),
 * and returns them as they are now, in the order asked.
 */
export async function reviewAnnotations(options: {
  workspaceId: string;
  actor: { id: string; role: Role };
  items: readonly { id: string; version: number }[];
  decision: ReviewDecision;
  reason?: string;
}): Promise<AnnotationView[]> {
  const { workspaceId, actor, decision } = options;
  const items = options.items.map((i) => ({ id: i.id, version: i.version, decision, reason: options.reason }));
  const ids = [...new Set(items.map((i) => i.id))];
  return db.$transaction(
    async (tx) => {
      const { live } = await decideAnnotations(tx, { workspaceId, actor, items });
      await publishLive(tx, live);
      const updated = await tx.annotation.findMany({ where: { id: { in: ids } }, select: annotationSelect });
      const byId = new Map(updated.map((a) => [a.id, a]));
      return ids.map((id) => byId.get(id)!);
    },
    { timeout: 30_000 },
  );
}
