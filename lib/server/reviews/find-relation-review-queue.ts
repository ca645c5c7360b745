import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { relationSelect, relationView, type RelationView } from "@/lib/server/relations/relation-select";
import { paragraphAround, type ReviewContext } from "@/lib/server/reviews/find-review-queue";
import type { RelationReviewQueueQuery } from "@/lib/validations/review";

export type RelationReviewQueueItem = RelationView & {
  article: { id: string; title: string };
  /** The paragraph around each end (its own paragraph; the same one when both ends share it). */
  sourceContext: ReviewContext | null;
  targetContext: ReviewContext | null;
};

/**
 * A page of the workspace's relation review queue: live relations on live
 * articles with the given status (undecided by default), oldest first, each
 * with its article and the paragraph of both ends. Relations whose end a
 * revision orphaned are included, `flagged`, for a reviewer to decide.
 */
export async function findRelationReviewQueue(options: {
  workspaceId: string;
  query: RelationReviewQueueQuery;
}): Promise<{ items: RelationReviewQueueItem[]; nextCursor: string | null; total: number }> {
  const { workspaceId, query } = options;
  const where: Prisma.RelationWhereInput = {
    workspaceId,
    deletedAt: null,
    article: { deletedAt: null },
    status: query.status,
    ...(query.articleId ? { articleId: query.articleId } : {}),
    ...(query.authorId ? { authorId: query.authorId } : {}),
    ...(query.relationTypeId ? { typeId: query.relationTypeId } : {}),
    ...(query.from || query.to
      ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.relation.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
      select: {
        ...relationSelect,
        article: { select: { id: true, title: true } },
        source: { select: { ...relationSelect.source.select, revisionId: true } },
        target: { select: { ...relationSelect.target.select, revisionId: true } },
      },
    }),
    db.relation.count({ where }),
  ]);
  const page = rows.slice(0, query.limit);
  const revisions = await db.articleRevision.findMany({
    where: { id: { in: [...new Set(page.flatMap((r) => [r.source.revisionId, r.target.revisionId]))] } },
    select: { id: true, text: true },
  });
  const texts = new Map(revisions.map((r) => [r.id, r.text]));
  const context = (end: { revisionId: string; start: number; end: number; anchorState: string }) => {
    const text = texts.get(end.revisionId);
    return text === undefined || end.anchorState === "ORPHANED" ? null : paragraphAround(text, end.start, end.end);
  };
  const items = page.map(({ article, ...row }) => ({
    ...relationView(row),
    article,
    sourceContext: context(row.source),
    targetContext: context(row.target),
  }));
  return { items, nextCursor: rows.length > query.limit ? page[page.length - 1].id : null, total };
}
