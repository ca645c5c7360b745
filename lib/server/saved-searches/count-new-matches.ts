import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AnnotationVisibility } from "@/lib/server/assignments/visible-authors";
import { queryTsquery, resolveFilters, searchFromSql, searchWhereSql } from "@/lib/server/search/search-sql";
import { isEmptySearch, parseSearchQuery } from "@/lib/search/parse-query";

/**
 * How many of the matches of `query` that the viewer may see (the same rule
 * as the search page: deleted, hidden and blind-hidden items never count)
 * were indexed after `since`. A query that is not valid counts 0.
 */
export async function countNewMatches(options: {
  workspaceId: string;
  visibility: AnnotationVisibility;
  query: string;
  since: Date;
}): Promise<number> {
  const { workspaceId, visibility, since } = options;
  const query = parseSearchQuery(options.query);
  if (Object.keys(query.errors).length || isEmptySearch(query)) return 0;
  const filters = await resolveFilters(workspaceId, query);
  const where = searchWhereSql({ workspaceId, visibility, query, tsquery: queryTsquery(query), filters });
  const [row] = await db.$queryRaw<[{ count: number }]>`
    SELECT count(*)::int AS count FROM ${searchFromSql}
     WHERE ${where} AND e."indexedAt" > ${since}::timestamp(3)`;
  return row.count;
}

export const savedSearchSelect = {
  id: true,
  name: true,
  query: true,
  lastOpenedAt: true,
  createdAt: true,
} satisfies Prisma.SavedSearchSelect;
