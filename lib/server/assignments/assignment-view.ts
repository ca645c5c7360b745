import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What every assignment read returns. */
export const assignmentSelect = {
  id: true,
  articleId: true,
  dueAt: true,
  blind: true,
  submittedAt: true,
  createdAt: true,
  updatedAt: true,
  article: { select: { title: true } },
  assignee: { select: { id: true, name: true } },
  assignedBy: { select: { id: true, name: true } },
} satisfies Prisma.AssignmentSelect;

type AssignmentRow = Prisma.AssignmentGetPayload<{ select: typeof assignmentSelect }>;

/** The assignee's annotations on the article and how far their review has come. */
export type AssignmentProgress = { annotations: number; reviewed: number; accepted: number; rejected: number };

export type AssignmentView = {
  id: string;
  articleId: string;
  articleTitle: string;
  assignee: { id: string; name: string };
  assignedBy: { id: string; name: string };
  /** The day it is due (YYYY-MM-DD), or null. */
  dueAt: string | null;
  /** Past its due day and not submitted. */
  overdue: boolean;
  blind: boolean;
  submittedAt: string | null;
  createdAt: string;
  progress: AssignmentProgress;
};

/** A date column (@db.Date) as the calendar day it holds. */
export const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** Whether a due day is over (it ends at midnight UTC), for unsubmitted work. */
export function isOverdue(dueAt: Date | null, submittedAt: Date | null, now = new Date()): boolean {
  return dueAt !== null && submittedAt === null && dayOf(now) > dayOf(dueAt);
}

const noProgress: AssignmentProgress = { annotations: 0, reviewed: 0, accepted: 0, rejected: 0 };

/**
 * Each assignee's annotation counts on their article, by status: one grouped
 * query over the (article, author) pairs, never the rows themselves.
 */
export async function findProgress(
  workspaceId: string,
  pairs: readonly { articleId: string; assigneeId: string }[],
): Promise<Map<string, AssignmentProgress>> {
  const progress = new Map<string, AssignmentProgress>();
  if (!pairs.length) return progress;
  const groups = await db.annotation.groupBy({
    by: ["articleId", "authorId", "status"],
    where: {
      workspaceId,
      deletedAt: null,
      articleId: { in: [...new Set(pairs.map((p) => p.articleId))] },
      authorId: { in: [...new Set(pairs.map((p) => p.assigneeId))] },
    },
    _count: { _all: true },
  });
  for (const g of groups) {
    const key = `${g.articleId}:${g.authorId}`;
    const p = progress.get(key) ?? { ...noProgress };
    const n = g._count._all;
    p.annotations += n;
    if (g.status !== "PROPOSED") p.reviewed += n;
    if (g.status === "ACCEPTED") p.accepted += n;
    if (g.status === "REJECTED") p.rejected += n;
    progress.set(key, p);
  }
  return progress;
}

/** Rows as the API returns them, with each assignee's progress. */
export async function toAssignmentViews(
  workspaceId: string,
  rows: readonly AssignmentRow[],
): Promise<AssignmentView[]> {
  const progress = await findProgress(
    workspaceId,
    rows.map((r) => ({ articleId: r.articleId, assigneeId: r.assignee.id })),
  );
  const now = new Date();
  return rows.map((r) => ({
    id: r.id,
    articleId: r.articleId,
    articleTitle: r.article.title,
    assignee: r.assignee,
    assignedBy: r.assignedBy,
    dueAt: r.dueAt ? dayOf(r.dueAt) : null,
    overdue: isOverdue(r.dueAt, r.submittedAt, now),
    blind: r.blind,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    progress: progress.get(`${r.articleId}:${r.assignee.id}`) ?? { ...noProgress },
  }));
}
