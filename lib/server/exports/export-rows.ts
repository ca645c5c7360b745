import "server-only";
import { db } from "@/lib/db";
import { articleAccessWhere } from "@/lib/auth/access";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ExportAnnotation, ExportArticle, ExportBatch } from "@/lib/export/types";
import type { ExportFilters } from "@/lib/validations/export";

/** Annotations read per query: one page in memory at a time, whatever the export's size. */
export const EXPORT_PAGE_SIZE = 1000;
const ARTICLE_PAGE_SIZE = 200;

const user = { select: { id: true, name: true } } as const;

const annotationSelect = {
  id: true,
  articleId: true,
  revisionId: true,
  start: true,
  end: true,
  exact: true,
  prefix: true,
  suffix: true,
  note: true,
  status: true,
  anchorState: true,
  reviewedAt: true,
  rejectionReason: true,
  createdAt: true,
  updatedAt: true,
  author: user,
  reviewedBy: user,
  entity: {
    select: { id: true, name: true, externalId: true, type: { select: { id: true, name: true, color: true } } },
  },
  comments: {
    where: { deletedAt: null, hiddenAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, text: true, createdAt: true, updatedAt: true, author: user },
  },
} satisfies Prisma.AnnotationSelect;

/** The `where` of the annotations an export holds: live ones of live articles, narrowed by the filters. */
export function exportAnnotationWhere(workspaceId: string, filters: ExportFilters): Prisma.AnnotationWhereInput {
  const created: Prisma.DateTimeFilter = {};
  if (filters.from) created.gte = new Date(`${filters.from}T00:00:00.000Z`);
  if (filters.to) created.lt = new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + 86_400_000);
  return {
    workspaceId,
    deletedAt: null,
    article: { deletedAt: null },
    ...(filters.articleId ? { articleId: filters.articleId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.entityTypeId ? { entity: { typeId: filters.entityTypeId } } : {}),
    ...(filters.authorId ? { authorId: filters.authorId } : {}),
    ...(filters.from || filters.to ? { createdAt: created } : {}),
  };
}

/** Throws 404 unless the article is a live article of the workspace; returns what names the export. */
export async function requireExportArticle(options: { workspaceId: string; articleId: string }) {
  const article = await db.article.findFirst({
    where: { id: options.articleId, ...articleAccessWhere({ workspaceId: options.workspaceId }) },
    select: { id: true, title: true },
  });
  if (!article) throw notFound("Article");
  return article;
}

/**
 * How many W3C annotations an export holds (annotations plus their visible
 * comments): the collection's `total`.
 */
export async function countExport(options: { workspaceId: string; filters: ExportFilters }): Promise<number> {
  const where = exportAnnotationWhere(options.workspaceId, options.filters);
  const [annotations, comments] = await Promise.all([
    db.annotation.count({ where }),
    db.comment.count({
      where: { workspaceId: options.workspaceId, deletedAt: null, hiddenAt: null, annotation: where },
    }),
  ]);
  return annotations + comments;
}

/**
 * Streams the rows of an export, article by article (by id) and, within an
 * article, in reading order, {@link EXPORT_PAGE_SIZE} annotations per query
 * (keyset pagination). Memory holds one article's text and one page.
 * With `articleId` the article is yielded even when no annotation matches
 * (its text still exports); a workspace export skips such articles.
 */
export async function* exportRows(options: {
  workspaceId: string;
  filters: ExportFilters;
  pageSize?: number;
}): AsyncGenerator<ExportBatch> {
  const { workspaceId, filters } = options;
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const where = exportAnnotationWhere(workspaceId, filters);
  let articleCursor: string | null = null;
  for (;;) {
    const articles: Array<{ id: string }> = await db.article.findMany({
      where: {
        ...articleAccessWhere({ workspaceId }),
        ...(filters.articleId ? { id: filters.articleId } : { annotations: { some: where } }),
        currentRevisionId: { not: null },
      },
      orderBy: { id: "asc" },
      take: ARTICLE_PAGE_SIZE,
      ...(articleCursor ? { cursor: { id: articleCursor }, skip: 1 } : {}),
      select: { id: true },
    });
    for (const { id } of articles) yield* articleRows(id, where, pageSize);
    if (articles.length < ARTICLE_PAGE_SIZE) return;
    articleCursor = articles[articles.length - 1].id;
  }
}

async function* articleRows(articleId: string, where: Prisma.AnnotationWhereInput, pageSize: number) {
  const row = await db.article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      workspaceId: true,
      title: true,
      source: true,
      originalUrl: true,
      language: true,
      currentRevision: { select: { id: true, number: true, text: true } },
    },
  });
  if (!row?.currentRevision) return;
  const { currentRevision: revision, ...rest } = row;
  const article: ExportArticle = {
    ...rest,
    revisionId: revision.id,
    revisionNumber: revision.number,
    text: revision.text,
  };
  let cursor: string | null = null;
  let yielded = false;
  for (;;) {
    const annotations: ExportAnnotation[] = await db.annotation.findMany({
      where: { ...where, articleId },
      orderBy: [{ start: "asc" }, { end: "asc" }, { id: "asc" }],
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: annotationSelect,
    });
    if (annotations.length || !yielded) yield { article, annotations };
    yielded = true;
    if (annotations.length < pageSize) return;
    cursor = annotations[annotations.length - 1].id;
  }
}

/** The workspace's name (the zip's file name); 404 when it is gone. */
export async function getWorkspaceName(workspaceId: string): Promise<string> {
  const workspace = await db.workspace.findFirst({
    where: { id: workspaceId, deletedAt: null },
    select: { name: true },
  });
  if (!workspace) throw notFound("Workspace");
  return workspace.name;
}
