import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { findAnnotationVisibility, type AnnotationViewer } from "@/lib/server/assignments/visible-authors";
import { queryTsquery, resolveFilters, searchFromSql, searchWhereSql } from "@/lib/server/search/search-sql";
import { findDidYouMean } from "@/lib/server/search/did-you-mean";
import { makeSnippet } from "@/lib/search/highlight";
import type { ParsedSearchQuery, SearchKind } from "@/lib/search/parse-query";
import type { SearchFacets, SearchResult } from "@/lib/validations/search";

type PageRow = {
  entryId: string;
  kind: SearchKind;
  articleId: string | null;
  annotationId: string | null;
  entityId: string | null;
  entityTypeId: string | null;
  status: SearchResult["status"] | null;
  start: number | null;
  end: number | null;
  body: string;
  date: Date;
  score: number;
  articleTitle: string | null;
  entityName: string | null;
  authorName: string | null;
  version: number | null;
};

type FacetRow = { id: string; label: string | null; count: number };

type Facets = {
  kind: { id: string; count: number }[] | null;
  entityType: FacetRow[] | null;
  entity: FacetRow[] | null;
  author: FacetRow[] | null;
  status: FacetRow[] | null;
  article: FacetRow[] | null;
  date: FacetRow[] | null;
};

const facet = (rows: FacetRow[] | null) =>
  (rows ?? []).map((r) => ({ id: r.id, label: r.label ?? r.id, count: r.count }));

/**
 * Searches everything of a workspace the viewer may see — passages of the
 * articles' current text, annotations, comments, entities, article titles —
 * for a parsed query. Returns one page of results (best first, `kind` only
 * if given), facets counted over every match the viewer may see, and the
 * cursor of the next page. Reads the index only, never whole article texts.
 */
export async function searchWorkspace(options: {
  workspaceId: string;
  viewer: AnnotationViewer;
  query: ParsedSearchQuery;
  /** The query as typed, for `didYouMean`. */
  text: string;
  kind?: SearchKind;
  limit: number;
  offset: number;
}): Promise<{
  data: SearchResult[];
  facets: SearchFacets;
  total: number;
  nextCursor: string | null;
  didYouMean: string | null;
}> {
  const { workspaceId, viewer, query, text, kind, limit, offset } = options;
  const [visibility, filters] = await Promise.all([
    findAnnotationVisibility({ workspaceId, viewer }),
    resolveFilters(workspaceId, query),
  ]);
  const tsquery = queryTsquery(query);
  const where = searchWhereSql({ workspaceId, visibility, query, tsquery, filters });
  const score = tsquery ? Prisma.sql`ts_rank(e.document, ${tsquery})` : Prisma.sql`0`;
  const kindFilter = kind ? Prisma.sql`WHERE m.kind = ${kind}` : Prisma.empty;

  const [result] = await db.$queryRaw<[{ page: PageRow[] | null; facets: Facets }]>`
    WITH matched AS MATERIALIZED (
      SELECT e.id, e.kind, e."articleId", COALESCE(e."entityId", an."entityId") AS "entityId", e."entityTypeId",
             e."authorId", e.status, e.date, ${score}::float8 AS score
        FROM ${searchFromSql}
       WHERE ${where}
    ),
    page AS (
      SELECT m.id, m.score FROM matched m ${kindFilter}
       ORDER BY m.score DESC, m.date DESC, m.id
       LIMIT ${limit + 1} OFFSET ${offset}
    )
    SELECT
      (SELECT json_agg(p ORDER BY p.score DESC, p.date DESC, p."entryId") FROM (
         SELECT s.id AS "entryId", s.kind, s."articleId", s."annotationId", s."entityId", s."entityTypeId", s.status,
                s.start, s."end", s.body, s.date, page.score, ar.title AS "articleTitle", en.name AS "entityName",
                u.name AS "authorName", an.version
           FROM page JOIN "SearchEntry" s ON s.id = page.id
           LEFT JOIN "Annotation" an ON s.kind = 'annotation' AND an.id = s."annotationId"
           LEFT JOIN "Article" ar ON ar.id = s."articleId"
           LEFT JOIN "Entity" en ON en.id = s."entityId"
           LEFT JOIN "User" u ON u.id = s."authorId" AND s.kind IN ('annotation', 'comment')
      ) p) AS page,
      json_build_object(
        'kind', (SELECT json_agg(k) FROM (SELECT kind AS id, count(*)::int AS count FROM matched GROUP BY kind) k),
        'entityType', (SELECT json_agg(t) FROM (
           SELECT m."entityTypeId" AS id, et.name AS label, count(*)::int AS count FROM matched m
             JOIN "EntityType" et ON et.id = m."entityTypeId" GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT 20) t),
        'entity', (SELECT json_agg(t) FROM (
           SELECT m."entityId" AS id, en.name AS label, count(*)::int AS count FROM matched m
             JOIN "Entity" en ON en.id = m."entityId" GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT 20) t),
        'author', (SELECT json_agg(t) FROM (
           SELECT m."authorId" AS id, u.name AS label, count(*)::int AS count FROM matched m
             JOIN "User" u ON u.id = m."authorId" WHERE m.kind IN ('annotation', 'comment')
            GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT 20) t),
        'status', (SELECT json_agg(t) FROM (
           SELECT m.status::text AS id, initcap(m.status::text) AS label, count(*)::int AS count FROM matched m
            WHERE m.kind = 'annotation' GROUP BY 1, 2 ORDER BY 1) t),
        'article', (SELECT json_agg(t) FROM (
           SELECT m."articleId" AS id, ar.title AS label, count(*)::int AS count FROM matched m
             JOIN "Article" ar ON ar.id = m."articleId" GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT 20) t),
        'date', (SELECT json_agg(t) FROM (
           SELECT to_char(m.date, 'YYYY') AS id, to_char(m.date, 'YYYY') AS label, count(*)::int AS count
             FROM matched m GROUP BY 1 ORDER BY 1 DESC) t)
      ) AS facets`;

  const rows = result.page ?? [];
  const terms = [
    ...query.groups.flat().map((t) => t.text),
    ...(filters.entities ?? []).flatMap((e) => [e.name, ...e.aliases]),
  ];
  const data = rows.slice(0, limit).map((row) => toResult(row, terms));
  const kindCounts = Object.fromEntries((result.facets.kind ?? []).map((k) => [k.id, k.count]));
  const total = Object.values(kindCounts).reduce((a, b) => a + b, 0);
  const kindTotal = kind ? (kindCounts[kind] ?? 0) : total;
  const didYouMean = kindTotal < 5 ? await findDidYouMean(workspaceId, query, text) : null;
  return {
    data,
    facets: {
      kind: kindCounts,
      entityType: facet(result.facets.entityType),
      entity: facet(result.facets.entity),
      author: facet(result.facets.author),
      status: facet(result.facets.status),
      article: facet(result.facets.article),
      date: facet(result.facets.date),
    },
    total,
    nextCursor: rows.length > limit ? String(offset + limit) : null,
    didYouMean,
  };
}

function toResult(row: PageRow, terms: string[]): SearchResult {
  const { snippet, highlights, first } = makeSnippet(row.body, terms);
  const id = row.entryId.slice(row.entryId.indexOf(":") + 1);
  const result: SearchResult = {
    kind: row.kind,
    id,
    snippet,
    highlights,
    score: Number(row.score),
    date: new Date(row.date).toISOString(),
  };
  if (row.articleId) result.articleId = row.articleId;
  if (row.annotationId) result.annotationId = row.annotationId;
  if (row.entityId) result.entityId = row.entityId;
  if (row.entityTypeId) result.entityTypeId = row.entityTypeId;
  if (row.articleTitle) result.articleTitle = row.articleTitle;
  if (row.entityName) result.entityName = row.entityName;
  if (row.authorName) result.authorName = row.authorName;
  if (row.status) result.status = row.status;
  if (row.version !== null) result.version = row.version;
  if (row.kind === "passage" && row.start !== null) {
    result.range = first ? [row.start + first[0], row.start + first[1]] : [row.start, row.end ?? row.start];
  } else if (row.kind === "annotation" && row.start !== null && row.end !== null) {
    result.range = [row.start, row.end];
  }
  return result;
}
