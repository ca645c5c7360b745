import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { annotationSelect, type AnnotationView } from "@/lib/server/annotations/annotation-select";
import type { ReviewQueueQuery } from "@/lib/validations/review";

/** At most this much of a long paragraph is shown around the highlight, on each side. */
const CONTEXT_SIDE = 600;

export type ReviewContext = {
  /** The paragraph (or the part of it around the highlight). */
  text: string;
  /** The highlight's offsets within `text`. */
  start: number;
  end: number;
  /** Whether text was cut before / after. */
  clippedStart: boolean;
  clippedEnd: boolean;
};

export type ReviewQueueItem = AnnotationView & {
  article: { id: string; title: string };
  context: ReviewContext | null;
  comments: number;
};

/** The paragraph of `text` that holds [start, end): blocks of canonical text are separated by a blank line. */
export function paragraphAround(text: string, start: number, end: number): ReviewContext {
  const blockStart = text.lastIndexOf("\n\n", start - 1);
  const blockEnd = text.indexOf("\n\n", end);
  let from = blockStart < 0 ? 0 : blockStart + 2;
  let to = blockEnd < 0 ? text.length : blockEnd;
  const clippedStart = start - from > CONTEXT_SIDE;
  const clippedEnd = to - end > CONTEXT_SIDE;
  if (clippedStart) from = start - CONTEXT_SIDE;
  if (clippedEnd) to = end + CONTEXT_SIDE;
  return { text: text.slice(from, to), start: start - from, end: end - from, clippedStart, clippedEnd };
}

/**
 * A page of the workspace's review queue: live annotations on live articles
 * with the given status (undecided by default), oldest first, each with its
 * article, paragraph and comment count.
 */
export async function findReviewQueue(options: {
  workspaceId: string;
  query: ReviewQueueQuery;
}): Promise<{ items: ReviewQueueItem[]; nextCursor: string | null; total: number }> {
  const { workspaceId, query } = options;
  const where: Prisma.AnnotationWhereInput = {
    workspaceId,
    deletedAt: null,
    anchorState: { not: "ORPHANED" },
    article: { deletedAt: null },
    status: query.status,
    ...(query.articleId ? { articleId: query.articleId } : {}),
    ...(query.authorId ? { authorId: query.authorId } : {}),
    ...(query.entityTypeId ? { entity: { typeId: query.entityTypeId } } : {}),
    ...(query.from || query.to
      ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.annotation.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
      select: { ...annotationSelect, article: { select: { id: true, title: true } } },
    }),
    db.annotation.count({ where }),
  ]);
  const page = rows.slice(0, query.limit);
  const [revisions, counts] = await Promise.all([
    db.articleRevision.findMany({
      where: { id: { in: [...new Set(page.map((a) => a.revisionId))] } },
      select: { id: true, text: true },
    }),
    db.comment.groupBy({
      by: ["annotationId"],
      where: { annotationId: { in: page.map((a) => a.id) }, deletedAt: null, hiddenAt: null },
      _count: { _all: true },
    }),
  ]);
  const texts = new Map(revisions.map((r) => [r.id, r.text]));
  const commentCounts = new Map(counts.map((c) => [c.annotationId, c._count._all]));
  const items = page.map((a) => {
    const text = texts.get(a.revisionId);
    return {
      ...a,
      context: text === undefined ? null : paragraphAround(text, a.start, a.end),
      comments: commentCounts.get(a.id) ?? 0,
    };
  });
  return { items, nextCursor: rows.length > query.limit ? page[page.length - 1].id : null, total };
}
