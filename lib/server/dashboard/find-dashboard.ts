import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  DASHBOARD_DAYS,
  lastDays,
  type Dashboard,
  type DashboardAnalyst,
  type DashboardArticle,
  type DashboardCounts,
  type DashboardRelations,
  type RelationCounts,
} from "@/lib/dashboard/types";
import { dayOf, isOverdue } from "@/lib/server/assignments/assignment-view";

const zero = (): DashboardCounts => ({ annotations: 0, reviewed: 0, accepted: 0, rejected: 0 });

function add(c: DashboardCounts, status: string, n: number) {
  c.annotations += n;
  if (status !== "PROPOSED") c.reviewed += n;
  if (status === "ACCEPTED") c.accepted += n;
  if (status === "REJECTED") c.rejected += n;
}

const noRelations = (): RelationCounts => ({ relations: 0, proposed: 0, accepted: 0, rejected: 0 });

function addRelations(c: RelationCounts, status: string, n: number) {
  c.relations += n;
  if (status === "PROPOSED") c.proposed += n;
  if (status === "ACCEPTED") c.accepted += n;
  if (status === "REJECTED") c.rejected += n;
}

/**
 * The workspace's live relations on live articles by review status: in
 * total, per relation type (archived types only when they still have some)
 * and per author. Counted in the database (GROUP BY).
 */
async function findRelationCounts(workspaceId: string): Promise<DashboardRelations> {
  const live = { workspaceId, deletedAt: null, article: { deletedAt: null } } satisfies Prisma.RelationWhereInput;
  const [byType, byAuthor, relationTypes] = await Promise.all([
    db.relation.groupBy({ by: ["typeId", "status"], where: live, _count: { _all: true } }),
    db.relation.groupBy({ by: ["authorId", "status"], where: live, _count: { _all: true } }),
    db.relationType.findMany({
      where: { workspaceId },
      orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, color: true, directed: true, archivedAt: true },
    }),
  ]);
  const totals = noRelations();
  const perType = new Map<string, RelationCounts>();
  for (const g of byType) {
    const c = perType.get(g.typeId) ?? noRelations();
    addRelations(c, g.status, g._count._all);
    addRelations(totals, g.status, g._count._all);
    perType.set(g.typeId, c);
  }
  const perAuthor = new Map<string, RelationCounts>();
  for (const g of byAuthor) {
    const c = perAuthor.get(g.authorId) ?? noRelations();
    addRelations(c, g.status, g._count._all);
    perAuthor.set(g.authorId, c);
  }
  const authors = await db.user.findMany({
    where: { id: { in: [...perAuthor.keys()] } },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return {
    totals,
    types: relationTypes
      .filter((t) => !t.archivedAt || perType.has(t.id))
      .map(({ archivedAt: _archived, ...t }) => ({ ...t, ...(perType.get(t.id) ?? noRelations()) })),
    analysts: authors.map((a) => ({ ...a, ...perAuthor.get(a.id)! })),
  };
}

/**
 * The workspace's progress for reviewers and owners: per article and per
 * analyst, annotation counts by review status; annotations created per day by
 * entity type and review decisions per day over the last 30 days; relation
 * counts by status, type and analyst. Every
 * figure is aggregated in the database (GROUP BY); no annotation row leaves it.
 */
export async function findDashboard(options: { workspaceId: string; now?: Date }): Promise<Dashboard> {
  const { workspaceId } = options;
  const now = options.now ?? new Date();
  const days = lastDays(DASHBOARD_DAYS, now);
  const since = new Date(`${days[0]}T00:00:00Z`);
  const live = { workspaceId, deletedAt: null, article: { deletedAt: null } } satisfies Prisma.AnnotationWhereInput;

  const [byArticle, byAuthor, assignments, types, perDay, reviews, relations] = await Promise.all([
    db.annotation.groupBy({ by: ["articleId", "status"], where: live, _count: { _all: true } }),
    db.annotation.groupBy({ by: ["authorId", "status"], where: live, _count: { _all: true } }),
    db.assignment.findMany({
      where: { workspaceId, deletedAt: null, article: { deletedAt: null } },
      select: {
        articleId: true,
        dueAt: true,
        submittedAt: true,
        assignee: { select: { id: true, name: true } },
      },
      orderBy: { assignee: { name: "asc" } },
    }),
    db.entityType.findMany({
      where: { workspaceId },
      orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, color: true },
    }),
    db.$queryRaw<{ day: Date; typeId: string | null; count: number }[]>`
      SELECT a."createdAt"::date AS day, e."typeId", count(*)::int AS count
      FROM "Annotation" a
      JOIN "Article" ar ON ar.id = a."articleId"
      LEFT JOIN "Entity" e ON e.id = a."entityId"
      WHERE a."workspaceId" = ${workspaceId} AND a."deletedAt" IS NULL AND ar."deletedAt" IS NULL
        AND a."createdAt" >= ${since}
      GROUP BY 1, 2`,
    db.$queryRaw<{ day: Date; decision: string | null; count: number }[]>`
      SELECT "createdAt"::date AS day, data->>'decision' AS decision,
        count(*)::int AS count
      FROM "ActivityEvent"
      WHERE "workspaceId" = ${workspaceId} AND action = 'annotation.reviewed' AND "createdAt" >= ${since}
        AND data->>'decision' IN ('ACCEPTED', 'REJECTED')
      GROUP BY 1, 2`,
    findRelationCounts(workspaceId),
  ]);

  // Per article: every live article with annotations or assignments.
  const articleCounts = new Map<string, DashboardCounts>();
  for (const g of byArticle) {
    const c = articleCounts.get(g.articleId) ?? zero();
    add(c, g.status, g._count._all);
    articleCounts.set(g.articleId, c);
  }
  const articleIds = [...new Set([...articleCounts.keys(), ...assignments.map((a) => a.articleId)])];
  const titles = await db.article.findMany({
    where: { id: { in: articleIds }, workspaceId, deletedAt: null },
    select: { id: true, title: true },
    orderBy: [{ title: "asc" }, { id: "asc" }],
  });
  const articles: DashboardArticle[] = titles.map((t) => ({
    id: t.id,
    title: t.title,
    ...(articleCounts.get(t.id) ?? zero()),
    analysts: assignments
      .filter((a) => a.articleId === t.id)
      .map((a) => ({
        id: a.assignee.id,
        name: a.assignee.name,
        submitted: a.submittedAt !== null,
        overdue: isOverdue(a.dueAt, a.submittedAt, now),
      })),
  }));

  // Per analyst: everyone who annotated or has an assignment.
  const authorCounts = new Map<string, DashboardCounts>();
  for (const g of byAuthor) {
    const c = authorCounts.get(g.authorId) ?? zero();
    add(c, g.status, g._count._all);
    authorCounts.set(g.authorId, c);
  }
  const people = await db.user.findMany({
    where: { id: { in: [...new Set([...authorCounts.keys(), ...assignments.map((a) => a.assignee.id)])] } },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const analysts: DashboardAnalyst[] = people.map((p) => {
    const mine = assignments.filter((a) => a.assignee.id === p.id);
    return {
      id: p.id,
      name: p.name,
      ...(authorCounts.get(p.id) ?? zero()),
      assignments: mine.length,
      submitted: mine.filter((a) => a.submittedAt !== null).length,
    };
  });

  const annotationsPerDay = days.map((day) => ({ day, counts: {} as Record<string, number> }));
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  for (const row of perDay) {
    const slot = annotationsPerDay[dayIndex.get(dayOf(row.day)) ?? -1];
    if (slot) slot.counts[row.typeId ?? "none"] = (slot.counts[row.typeId ?? "none"] ?? 0) + row.count;
  }
  const reviewsPerDay = days.map((day) => ({ day, accepted: 0, rejected: 0 }));
  for (const row of reviews) {
    const slot = reviewsPerDay[dayIndex.get(dayOf(row.day)) ?? -1];
    if (slot) slot[row.decision === "ACCEPTED" ? "accepted" : "rejected"] += row.count;
  }

  const totals = zero();
  for (const c of articleCounts.values()) {
    totals.annotations += c.annotations;
    totals.reviewed += c.reviewed;
    totals.accepted += c.accepted;
    totals.rejected += c.rejected;
  }
  return {
    totals: { ...totals, articles: articles.length, analysts: analysts.length },
    articles,
    analysts,
    types,
    annotationsPerDay,
    reviewsPerDay,
    relations,
  };
}
