import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/observability/logger.mjs";

/**
 * Every facet's counts in one pass over `matches` (grouping sets), as rows
 * `(facet, kind, status, authorId, year, id, count)`. The facets of few values
 * (kind, author, status, year) share one grouping set, `small`, summed per
 * facet in {@link facetsJsonSql}: each grouping set is a hash table every
 * match goes through, and four cost 30–40 ms less than seven for 144,000
 * matches (bench/README.md, "Search"). A NULL value (no entity, not an
 * annotation…) counts nothing.
 */
export const facetRowsSql = (matches: Prisma.Sql) => Prisma.sql`
      SELECT CASE WHEN GROUPING(m."entityTypeId") = 0 THEN 'entityType'
                  WHEN GROUPING(m."entityId") = 0 THEN 'entity'
                  WHEN GROUPING(m."articleId") = 0 THEN 'article'
                  ELSE 'small' END AS facet,
             m.kind, m.status::text AS status, m."authorId", extract(year FROM m.date)::int AS year,
             coalesce(m."entityTypeId", m."entityId", m."articleId") AS id,
             count(*)::int AS count
        FROM ${matches} m
       GROUP BY GROUPING SETS ((m.kind, m.status, m."authorId", year), (m."entityTypeId"), (m."entityId"), (m."articleId"))`;

/** The CTE `counts` of a search: the facets of its matches (`matches`: a subquery or CTE of entry rows). */
export const countsOfMatchesSql = (matches: Prisma.Sql) =>
  Prisma.sql`counts AS MATERIALIZED (${facetRowsSql(matches)})`;

/**
 * The CTEs `kept` and `counts` of a search that matches every entry of the
 * workspace but `unmatched` (a subquery of the entries it leaves out, found by
 * index): the counts the writes keep in "SearchFacetCount" (migration
 * 20261210000000) less those of the entries left out. The same rows as
 * {@link countsOfMatchesSql} gives over the matches, without reading them.
 */
export const countsOfAllButSql = (workspaceId: string, unmatched: Prisma.Sql) => Prisma.sql`
    kept AS MATERIALIZED (
      SELECT c.facet, c.kind, c.status::text AS status, c."authorId", c.year, c."refId" AS id,
             sum(c.n)::int AS count, count(*)::int AS rows
        FROM "SearchFacetCount" c
       WHERE c."workspaceId" = ${workspaceId}
       GROUP BY 1, 2, 3, 4, 5, 6
    ),
    counts AS MATERIALIZED (
      SELECT t.facet, t.kind, t.status, t."authorId", t.year, t.id, sum(t.count)::int AS count
        FROM (SELECT k.facet, k.kind, k.status, k."authorId", k.year, k.id, k.count FROM kept k
              UNION ALL
              SELECT u.facet, u.kind, u.status, u."authorId", u.year, u.id, -u.count
                FROM (${facetRowsSql(unmatched)}) u) t
       GROUP BY 1, 2, 3, 4, 5, 6
      HAVING sum(t.count) <> 0
    )`;

/** `{ rows, values }` of `kept` (from {@link countsOfAllButSql}): when rows outnumber values, fold them. */
export const keptRowsJsonSql = Prisma.sql`(
      SELECT json_build_object('rows', coalesce(sum(k.rows), 0)::int, 'values', count(*)::int) FROM kept k)`;

/** The facets as JSON from `counts`: the 20 largest values of each, with their labels. */
export const facetsJsonSql = Prisma.sql`json_build_object(
        'kind', (SELECT json_agg(t) FROM (
           SELECT c.kind AS id, sum(c.count)::int AS count FROM counts c WHERE c.facet = 'small' GROUP BY c.kind) t),
        'entityType', (SELECT json_agg(t) FROM (
           SELECT c.id, et.name AS label, c.count FROM counts c JOIN "EntityType" et ON et.id = c.id
            WHERE c.facet = 'entityType' ORDER BY 3 DESC, 2 LIMIT 20) t),
        'entity', (SELECT json_agg(t) FROM (
           SELECT c.id, en.name AS label, c.count FROM counts c JOIN "Entity" en ON en.id = c.id
            WHERE c.facet = 'entity' ORDER BY 3 DESC, 2 LIMIT 20) t),
        'author', (SELECT json_agg(t) FROM (
           SELECT a.id, u.name AS label, a.count FROM (
             SELECT c."authorId" AS id, sum(c.count)::int AS count FROM counts c
              WHERE c.facet = 'small' AND c.kind IN ('annotation', 'comment') GROUP BY c."authorId") a
             JOIN "User" u ON u.id = a.id
            ORDER BY 3 DESC, 2 LIMIT 20) t),
        'status', (SELECT json_agg(t) FROM (
           SELECT c.status AS id, initcap(c.status) AS label, sum(c.count)::int AS count FROM counts c
            WHERE c.facet = 'small' AND c.kind = 'annotation' AND c.status IS NOT NULL GROUP BY c.status ORDER BY 1) t),
        'article', (SELECT json_agg(t) FROM (
           SELECT c.id, ar.title AS label, c.count FROM counts c JOIN "Article" ar ON ar.id = c.id
            WHERE c.facet = 'article' ORDER BY 3 DESC, 2 LIMIT 20) t),
        'date', (SELECT json_agg(t) FROM (
           SELECT c.year::text AS id, c.year::text AS label, sum(c.count)::int AS count FROM counts c
            WHERE c.facet = 'small' GROUP BY c.year ORDER BY c.year DESC) t)
      )`;

/** Kept rows beyond their distinct values at which a search folds them (a few milliseconds per thousand rows). */
const FOLD_ABOVE_EXTRA_ROWS = 1000;

/** Whether a workspace's kept counts have gathered enough rows to be worth folding. */
export const shouldFold = (kept: { rows: number; values: number }) =>
  kept.rows > 2 * kept.values + FOLD_ABOVE_EXTRA_ROWS;

/**
 * Folds a workspace's kept facet counts into one row per facet value, in one
 * statement: the rows it reads are deleted and their sums written back, so a
 * row a writer adds meanwhile (not in the statement's snapshot) stays as it is,
 * and a second fold at the same time skips the rows the first deleted.
 */
export async function foldFacetCounts(workspaceId: string): Promise<void> {
  await db.$executeRaw`
    WITH gone AS (
      DELETE FROM "SearchFacetCount" WHERE "workspaceId" = ${workspaceId}
      RETURNING facet, kind, status, "authorId", year, "refId", n
    )
    INSERT INTO "SearchFacetCount" ("workspaceId", facet, kind, status, "authorId", year, "refId", n)
    SELECT ${workspaceId}, g.facet, g.kind, g.status, g."authorId", g.year, g."refId", sum(g.n)::int
      FROM gone g
     GROUP BY g.facet, g.kind, g.status, g."authorId", g.year, g."refId"
    HAVING sum(g.n) <> 0`;
}

/** Workspaces this process is folding: searches arriving meanwhile need not start another fold. */
const folding = new Set<string>();

/** Folds in the background, after the search that found it worth it has answered. */
export function foldFacetCountsLater(workspaceId: string): void {
  if (folding.has(workspaceId)) return;
  folding.add(workspaceId);
  setImmediate(() => {
    foldFacetCounts(workspaceId)
      .catch((err: unknown) => logger().warn({ err, workspaceId }, "Folding the search facet counts failed"))
      .finally(() => folding.delete(workspaceId));
  });
}
