import "server-only";
import { pageStarts } from "@/lib/capture/pages";
import { db, preparedQuery } from "@/lib/db";
import { articleAccessWhere } from "@/lib/auth/access";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ExportAnnotation, ExportArticle, ExportBatch, ExportRelation } from "@/lib/export/types";
import type { ExportFilters } from "@/lib/validations/export";
import { isBlind, visibleAnnotationsWhere, type AnnotationVisibility } from "@/lib/server/assignments/visible-authors";

/** Annotations read per query: one page in memory at a time, whatever the export's size. */
export const EXPORT_PAGE_SIZE = 1000;
const ARTICLE_PAGE_SIZE = 200;

/** The `where` of the annotations an export holds: live ones of live articles, narrowed by the filters. */
/** `from`/`to` (inclusive UTC dates) as a half-open range of creation times. */
function exportCreatedRange(filters: ExportFilters): { gte?: Date; lt?: Date } {
  return {
    ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00.000Z`) } : {}),
    ...(filters.to ? { lt: new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + 86_400_000) } : {}),
  };
}

export function exportAnnotationWhere(
  workspaceId: string,
  filters: ExportFilters,
  visibility: AnnotationVisibility,
): Prisma.AnnotationWhereInput {
  const created: Prisma.DateTimeFilter = exportCreatedRange(filters);
  return {
    ...visibleAnnotationsWhere(visibility),
    workspaceId,
    deletedAt: null,
    article: { deletedAt: null },
    ...(filters.articleId ? { articleId: filters.articleId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.entityTypeId ? { entity: { typeId: filters.entityTypeId } } : {}),
    ...(filters.authorId ? { authorId: filters.authorId } : {}),
    ...(filters.from || filters.to ? { createdAt: created } : {}),
    ...(filters.annotationIds ? { id: { in: [...filters.annotationIds] } } : {}),
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
 * comments and the relations between them): the collection's `total`.
 */
export async function countExport(options: {
  workspaceId: string;
  filters: ExportFilters;
  visibility: AnnotationVisibility;
}): Promise<number> {
  const where = exportAnnotationWhere(options.workspaceId, options.filters, options.visibility);
  const own = options.visibility.viewerId;
  const blind = options.visibility.blindArticleIds;
  const [annotations, comments, relations] = await Promise.all([
    db.annotation.count({ where }),
    db.comment.count({
      where: { workspaceId: options.workspaceId, deletedAt: null, hiddenAt: null, annotation: where },
    }),
    db.relation.count({
      where: {
        workspaceId: options.workspaceId,
        deletedAt: null,
        source: where,
        target: where,
        ...(blind.length ? { OR: [{ articleId: { notIn: blind } }, { authorId: own }] } : {}),
      },
    }),
  ]);
  return annotations + comments + relations;
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
  /** The blind-annotation rule for the member exporting (lib/server/assignments/visible-authors.ts). */
  visibility: AnnotationVisibility;
  pageSize?: number;
  /** `spans`: only what span formats read (see spanSelect); default `full`. */
  detail?: "full" | "spans";
}): AsyncGenerator<ExportBatch> {
  const { workspaceId, filters } = options;
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const where = exportAnnotationWhere(workspaceId, filters, options.visibility);
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
    for (const { id } of articles) {
      // On an article the member annotates blind, only their own annotations.
      const onlyAuthor = isBlind(options.visibility, id) ? options.visibility.viewerId : null;
      yield* articleRows(id, { ...filters, onlyAuthor }, pageSize, options.detail ?? "full");
    }
    if (articles.length < ARTICLE_PAGE_SIZE) return;
    articleCursor = articles[articles.length - 1].id;
  }
}

type Row = {
  id: string;
  articleId: string;
  revisionId: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  note: string | null;
  status: ExportAnnotation["status"];
  anchorState: ExportAnnotation["anchorState"];
  reviewedAt: Date | null;
  rejectionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  authorId: string;
  authorName: string;
  reviewerId: string | null;
  reviewerName: string | null;
  entityId: string | null;
  entityName: string | null;
  entityExternalId: string | null;
  typeId: string | null;
  typeName: string | null;
  typeColor: string | null;
  comments: Array<{
    id: string;
    text: string;
    createdAt: string;
    updatedAt: string;
    authorId: string;
    authorName: string;
  }>;
};

/** A `timestamp` from json_build_object (UTC, no zone) as a Date. */
const jsonDate = (value: string) => new Date(value.endsWith("Z") ? value : `${value}Z`);

/**
 * One page of an article's annotations after `after` (start, end, id), in
 * reading order: a single prepared statement with authors, reviewer, entity,
 * type and the visible thread (JSON) joined in, straight on the pool — the
 * export reads 100,000 rows, and Prisma's relation loading per page cost
 * most of its time and garbage (bench/README.md).
 */
async function findPage(options: {
  workspaceId: string;
  articleId: string;
  filters: PageFilters;
  after: { start: number; end: number; id: string };
  pageSize: number;
  detail: "full" | "spans";
}): Promise<ExportAnnotation[]> {
  const { filters, after } = options;
  const range = exportCreatedRange(filters);
  const rows = await preparedQuery<Row>(
    "export_annotation_page",
    Prisma.sql`
      SELECT a.id, a."articleId", a."revisionId", a.start, a."end", a.exact, a.prefix, a.suffix, a.note,
             a.status::text AS status, a."anchorState"::text AS "anchorState", a."reviewedAt", a."rejectionReason",
             a."createdAt", a."updatedAt", au.id AS "authorId", au.name AS "authorName",
             rv.id AS "reviewerId", rv.name AS "reviewerName",
             e.id AS "entityId", e.name AS "entityName", e."externalId" AS "entityExternalId",
             t.id AS "typeId", t.name AS "typeName", t.color AS "typeColor",
             CASE WHEN ${options.detail === "full"}::boolean THEN (
               SELECT coalesce(json_agg(json_build_object(
                        'id', c.id, 'text', c.text, 'createdAt', c."createdAt", 'updatedAt', c."updatedAt",
                        'authorId', cu.id, 'authorName', cu.name) ORDER BY c."createdAt", c.id), '[]'::json)
               FROM "Comment" c JOIN "User" cu ON cu.id = c."authorId"
               WHERE c."annotationId" = a.id AND c."deletedAt" IS NULL AND c."hiddenAt" IS NULL
             ) ELSE '[]'::json END AS comments
      FROM "Annotation" a
      JOIN "User" au ON au.id = a."authorId"
      LEFT JOIN "User" rv ON rv.id = a."reviewedById"
      LEFT JOIN "Entity" e ON e.id = a."entityId"
      LEFT JOIN "EntityType" t ON t.id = e."typeId"
      WHERE a."workspaceId" = ${options.workspaceId} AND a."articleId" = ${options.articleId} AND a."deletedAt" IS NULL
        AND (${filters.status ?? null}::text IS NULL OR a.status::text = ${filters.status ?? null}::text)
        AND (${filters.entityTypeId ?? null}::text IS NULL OR e."typeId" = ${filters.entityTypeId ?? null}::text)
        AND (${filters.authorId ?? null}::text IS NULL OR a."authorId" = ${filters.authorId ?? null}::text)
        AND (${filters.onlyAuthor}::text IS NULL OR a."authorId" = ${filters.onlyAuthor}::text)
        AND (${filters.annotationIds ? [...filters.annotationIds] : null}::text[] IS NULL
             OR a.id = ANY(${filters.annotationIds ? [...filters.annotationIds] : null}::text[]))
        AND (${range.gte ?? null}::timestamp IS NULL OR a."createdAt" >= ${range.gte ?? null}::timestamp)
        AND (${range.lt ?? null}::timestamp IS NULL OR a."createdAt" < ${range.lt ?? null}::timestamp)
        AND (a.start, a."end", a.id) > (${after.start}::int, ${after.end}::int, ${after.id}::text)
      ORDER BY a.start, a."end", a.id
      LIMIT ${options.pageSize}::int`,
  );
  return rows.map((r) => ({
    id: r.id,
    articleId: r.articleId,
    revisionId: r.revisionId,
    start: r.start,
    end: r.end,
    exact: r.exact,
    prefix: r.prefix,
    suffix: r.suffix,
    note: r.note,
    status: r.status,
    anchorState: r.anchorState,
    reviewedAt: r.reviewedAt,
    rejectionReason: r.rejectionReason,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    author: { id: r.authorId, name: r.authorName },
    reviewedBy: r.reviewerId ? { id: r.reviewerId, name: r.reviewerName ?? "" } : null,
    entity:
      r.entityId && r.typeId
        ? {
            id: r.entityId,
            name: r.entityName ?? "",
            externalId: r.entityExternalId,
            type: { id: r.typeId, name: r.typeName ?? "", color: r.typeColor ?? "" },
          }
        : null,
    comments: r.comments.map((c) => ({
      id: c.id,
      text: c.text,
      createdAt: jsonDate(c.createdAt),
      updatedAt: jsonDate(c.updatedAt),
      author: { id: c.authorId, name: c.authorName },
    })),
  }));
}

type PageFilters = ExportFilters & { onlyAuthor: string | null };

async function* articleRows(articleId: string, filters: PageFilters, pageSize: number, detail: "full" | "spans") {
  const row = await db.article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      workspaceId: true,
      title: true,
      source: true,
      originalUrl: true,
      language: true,
      currentRevision: { select: { id: true, number: true, text: true, pages: true } },
    },
  });
  if (!row?.currentRevision) return;
  const { currentRevision: revision, ...rest } = row;
  const article: ExportArticle = {
    ...rest,
    revisionId: revision.id,
    revisionNumber: revision.number,
    text: revision.text,
    pages: pageStarts(revision.pages),
    relations: await articleRelations(row.workspaceId, articleId, filters.onlyAuthor),
  };
  let after = { start: -1, end: -1, id: "" };
  let yielded = false;
  for (;;) {
    const annotations = await findPage({ workspaceId: row.workspaceId, articleId, filters, after, pageSize, detail });
    if (annotations.length || !yielded) yield { article, annotations };
    yielded = true;
    if (annotations.length < pageSize) return;
    const last = annotations[annotations.length - 1];
    after = { start: last.start, end: last.end, id: last.id };
  }
}

/**
 * The live relations of an article between live annotations, oldest first;
 * with `onlyAuthor` (a blind exporter) only theirs between their annotations.
 * The formats keep those whose two ends are exported.
 */
async function articleRelations(
  workspaceId: string,
  articleId: string,
  onlyAuthor: string | null,
): Promise<ExportRelation[]> {
  const rows = await db.relation.findMany({
    where: {
      workspaceId,
      articleId,
      deletedAt: null,
      source: { deletedAt: null, ...(onlyAuthor ? { authorId: onlyAuthor } : {}) },
      target: { deletedAt: null, ...(onlyAuthor ? { authorId: onlyAuthor } : {}) },
      ...(onlyAuthor ? { authorId: onlyAuthor } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      sourceId: true,
      targetId: true,
      note: true,
      status: true,
      reviewedAt: true,
      rejectionReason: true,
      createdAt: true,
      updatedAt: true,
      author: { select: { id: true, name: true } },
      reviewedBy: { select: { id: true, name: true } },
      type: {
        select: {
          id: true,
          name: true,
          inverseLabel: true,
          directed: true,
          sourceTypeIds: true,
          targetTypeIds: true,
        },
      },
    },
  });
  if (!rows.length) return [];
  const typeIds = [...new Set(rows.flatMap((r) => [...r.type.sourceTypeIds, ...r.type.targetTypeIds]))];
  const names = new Map(
    (await db.entityType.findMany({ where: { id: { in: typeIds } }, select: { id: true, name: true } })).map((t) => [
      t.id,
      t.name,
    ]),
  );
  const named = (ids: string[]) => ids.flatMap((id) => (names.has(id) ? [names.get(id)!] : []));
  return rows.map(({ type: { sourceTypeIds, targetTypeIds, ...type }, ...r }) => ({
    ...r,
    type: { ...type, sourceTypes: named(sourceTypeIds), targetTypes: named(targetTypeIds) },
  }));
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
