import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  findAnnotationVisibility,
  type AnnotationViewer,
  type AnnotationVisibility,
} from "@/lib/server/assignments/visible-authors";
import {
  countsOfAllButSql,
  countsOfMatchesSql,
  facetsJsonSql,
  foldFacetCountsLater,
  keptRowsJsonSql,
  shouldFold,
} from "@/lib/server/search/facet-counts";
import {
  queryTsquery,
  resolveFilters,
  searchFromSql,
  searchWhereSql,
  unmatchedByExclusionsSql,
  type ResolvedFilters,
} from "@/lib/server/search/search-sql";
import { findDidYouMean, findSimilarNames } from "@/lib/server/search/did-you-mean";
import { makeSnippet } from "@/lib/search/highlight";
import { isEmptySearch, type ParsedSearchQuery, type SearchKind, type SearchTerm } from "@/lib/search/parse-query";
import type { SearchFacets, SearchResult } from "@/lib/validations/search";

type PageRow = {
  entryId: string;
  kind: SearchKind;
  articleId: string | null;
  annotationId: string | null;
  relationId: string | null;
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
  relationType: string | null;
  relationDirected: boolean | null;
  relationSource: string | null;
  relationTarget: string | null;
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

/**
 * The columns of a result row, for the entries in `ids` (a subquery of `id, score`).
 * A comment in a relation's thread also gets the relation's type and its ends
 * (entity name, else quote), as the reader labels a relation.
 */
const pageRowsSql = (ids: Prisma.Sql) => Prisma.sql`
  SELECT s.id AS "entryId", s.kind, s."articleId", s."annotationId", s."relationId", s."entityId", s."entityTypeId",
         s.status, s.start, s."end", s.body, s.date, page.score, ar.title AS "articleTitle", en.name AS "entityName",
         u.name AS "authorName", an.version, rt.name AS "relationType", rt.directed AS "relationDirected",
         COALESCE(rse.name, rs.exact) AS "relationSource", COALESCE(rte.name, rtg.exact) AS "relationTarget"
    FROM (${ids}) page JOIN "SearchEntry" s ON s.id = page.id
    LEFT JOIN "Annotation" an ON s.kind = 'annotation' AND an.id = s."annotationId"
    LEFT JOIN "Article" ar ON ar.id = s."articleId"
    LEFT JOIN "Entity" en ON en.id = s."entityId"
    LEFT JOIN "User" u ON u.id = s."authorId" AND s.kind IN ('annotation', 'comment')
    LEFT JOIN "Relation" rel ON s.kind = 'comment' AND rel.id = s."relationId"
    LEFT JOIN "RelationType" rt ON rt.id = rel."typeId"
    LEFT JOIN "Annotation" rs ON rs.id = rel."sourceId"
    LEFT JOIN "Entity" rse ON rse.id = rs."entityId"
    LEFT JOIN "Annotation" rtg ON rtg.id = rel."targetId"
    LEFT JOIN "Entity" rte ON rte.id = rtg."entityId"`;

/**
 * Settings of the search transaction. The matches (up to every entry of the
 * workspace) are kept in memory rather than spilled to disk and read again
 * for each facet, and the planner is told that handing rows from a parallel
 * worker is cheap: a query matching 100,000 entries reads most of the
 * table's pages, which a second core halves (bench/README.md, "Search").
 * No JIT: a query over every entry is costly enough for PostgreSQL to
 * compile it, 80 ms of its 660 for the 677,000 entries of the benchmark.
 */
const searchSettingsSql = Prisma.sql`set_config('work_mem', '32MB', true), set_config('parallel_setup_cost', '10', true),
  set_config('parallel_tuple_cost', '0.001', true), set_config('jit', 'off', true)`;

/** How many "similar" results (names spelled closely) the first page lists below the exact ones. */
export const SIMILAR_LIMIT = 10;
/** Similar names are looked for when the exact query finds fewer than this (a word found this often is no typo). */
export const SIMILAR_BELOW = 1000;

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
  similar: SearchResult[];
  tooCommon: string[];
}> {
  const { workspaceId, viewer, query, text, kind, limit, offset } = options;
  const [visibility, filters] = await Promise.all([
    findAnnotationVisibility({ workspaceId, viewer }),
    resolveFilters(workspaceId, query),
  ]);
  const tsquery = queryTsquery(query);
  const where = searchWhereSql({ workspaceId, visibility, query, tsquery, filters });
  // A query of exclusions only ("-zzzz") ranks every entry alike: no ts_rank over all of them.
  const score = tsquery && query.groups.length ? Prisma.sql`ts_rank(e.document, ${tsquery})` : Prisma.sql`0`;
  const kindFilter = kind ? Prisma.sql`WHERE m.kind = ${kind}` : Prisma.empty;

  const matches = Prisma.sql`
      SELECT e.id, e.kind, e."articleId", e."entityId", e."entityTypeId",
             e."authorId", e.status, e.date, ${score}::float8 AS score
        FROM ${searchFromSql}
       WHERE ${where}`;
  // The matches are found once, kept, and read by the page and the facets. Exclusions alone (or
  // nothing at all) match nearly every entry, all ranked alike: then the page is a scan of its own
  // in date order, which PostgreSQL sorts in parallel and stops at the page, and the facets are the
  // counts the writes keep (facet-counts.ts) less those of the entries left out, which the indexes
  // find. For the 677,000 entries of `-zzzz`, counting them took 300 ms (bench/README.md, "Search").
  const exclusionsOnly = isEmptySearch({ ...query, exclude: [] });
  const [, [result]] = await db.$transaction([
    db.$queryRaw`SELECT ${searchSettingsSql}`,
    db.$queryRaw<[{ page: PageRow[] | null; facets: Facets; kept: { rows: number; values: number } | null }]>`
    WITH ${exclusionsOnly ? Prisma.empty : Prisma.sql`matched AS MATERIALIZED (${matches}),`}
    page AS (
      SELECT m.id, m.score FROM ${exclusionsOnly ? Prisma.sql`(${matches})` : Prisma.sql`matched`} m ${kindFilter}
       ORDER BY ${exclusionsOnly ? Prisma.empty : Prisma.sql`m.score DESC,`} m.date DESC, m.id
       LIMIT ${limit + 1} OFFSET ${offset}
    ),
    ${
      exclusionsOnly
        ? countsOfAllButSql(workspaceId, unmatchedByExclusionsSql({ workspaceId, visibility, exclude: query.exclude }))
        : countsOfMatchesSql(Prisma.sql`matched`)
    }
    -- The facets first: counting while the matches arrive from the parallel scan, not after it.
    SELECT
      ${exclusionsOnly ? keptRowsJsonSql : Prisma.sql`NULL::json`} AS kept,
      ${facetsJsonSql} AS facets,
      (SELECT json_agg(p ORDER BY p.score DESC, p.date DESC, p."entryId") FROM (
         ${pageRowsSql(Prisma.sql`SELECT * FROM page`)}
      ) p) AS page`,
  ]);

  if (result.kept && shouldFold(result.kept)) foldFacetCountsLater(workspaceId);
  const rows = result.page ?? [];
  const terms = [
    ...query.groups.flat().map((t) => t.text),
    ...(filters.entities ?? []).flatMap((e) => [e.name, ...e.aliases]),
  ];
  const data = rows.slice(0, limit).map((row) => toResult(row, terms));
  const kindCounts = Object.fromEntries((result.facets.kind ?? []).map((k) => [k.id, k.count]));
  const total = Object.values(kindCounts).reduce((a, b) => a + b, 0);
  const kindTotal = kind ? (kindCounts[kind] ?? 0) : total;
  const [didYouMean, similar, tooCommon] = await Promise.all([
    kindTotal < 5 ? findDidYouMean(workspaceId, query, text) : null,
    offset === 0 && kindTotal < SIMILAR_BELOW
      ? findSimilarResults({ workspaceId, query, filters, visibility, kind, tsquery })
      : [],
    total === 0 ? findTooCommon(query) : [],
  ]);
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
    similar,
    tooCommon,
  };
}

/**
 * The query's words when every one of them is a stop word ("the", "of")
 * or has no letters: a search for them alone finds nothing, and says why.
 */
async function findTooCommon(query: ParsedSearchQuery): Promise<string[]> {
  const terms = query.groups.flat().map((t) => t.text);
  if (!terms.length) return [];
  const [row] = await db.$queryRaw<[{ empty: number }]>`
    SELECT count(*)::int AS empty FROM unnest(${terms}::text[]) t
     WHERE numnode(phraseto_tsquery('english', "marginalia_search_text"(t))) = 0`;
  return row.empty === terms.length ? terms : [];
}

/**
 * Results for names spelled closely to the query's words ("Masood" →
 * "Massoud", by trigram similarity with the workspace's entity names) that
 * the exact query does not find, best first: listed below the exact hits.
 */
async function findSimilarResults(options: {
  workspaceId: string;
  query: ParsedSearchQuery;
  filters: ResolvedFilters;
  visibility: AnnotationVisibility;
  kind?: SearchKind;
  tsquery: Prisma.Sql | null;
}): Promise<SearchResult[]> {
  const { workspaceId, query, filters, kind, tsquery } = options;
  const words = query.groups.flat().filter((t) => !t.phrase && /^\p{Script=Latin}{4,}$/u.test(t.text));
  if (!words.length || !tsquery) return [];
  const alternatives = new Map<string, string[]>();
  for (const term of words.slice(0, 4)) {
    const names = await findSimilarNames(workspaceId, term.text, 3);
    if (names.length) alternatives.set(term.text, names);
  }
  if (!alternatives.size) return [];
  // Each word with close names may be any of them; the exact query's matches are left out.
  const groups: SearchTerm[][] = query.groups.map((group) =>
    group.flatMap((t) => [t, ...(alternatives.get(t.text) ?? []).map((text) => ({ text, phrase: false }))]),
  );
  const fuzzy = { ...query, groups };
  const fuzzyTsquery = queryTsquery(fuzzy)!;
  const where = searchWhereSql({
    workspaceId,
    visibility: options.visibility,
    query: fuzzy,
    tsquery: Prisma.sql`(${fuzzyTsquery} && !!${tsquery})`,
    filters,
  });
  const kindFilter = kind ? Prisma.sql`AND e.kind = ${kind}` : Prisma.empty;
  const rows = await db.$queryRaw<PageRow[]>`
    ${pageRowsSql(Prisma.sql`
      SELECT e.id, ts_rank(e.document, ${fuzzyTsquery})::float8 AS score FROM ${searchFromSql}
       WHERE ${where} ${kindFilter}
       ORDER BY score DESC, e.date DESC, e.id
       LIMIT ${SIMILAR_LIMIT}`)}
    ORDER BY page.score DESC, s.date DESC, s.id`;
  const terms = [...alternatives.values()].flat();
  return rows.map((row) => toResult(row, terms));
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
  if (row.relationId) result.relationId = row.relationId;
  if (row.relationType) {
    const arrow = row.relationDirected ? "→" : "↔";
    result.relationLabel = `${row.relationType}: ${endLabel(row.relationSource)} ${arrow} ${endLabel(row.relationTarget)}`;
  }
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

/** A relation's end in a label: its entity's name or its quote, cut short. */
function endLabel(text: string | null): string {
  const t = (text ?? "…").replace(/\s+/g, " ").trim();
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}
