import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findAnnotationVisibility, type AnnotationViewer } from "@/lib/server/assignments/visible-authors";
import { queryTsquery, resolveFilters, searchFromSql, searchWhereSql } from "@/lib/server/search/search-sql";
import type { ParsedSearchQuery } from "@/lib/search/parse-query";

/** The most annotations one "Export these" exports. */
export const MAX_SEARCH_EXPORT = 20_000;

/**
 * The ids of every annotation result of a search for the viewer — exactly
 * what GET …/search lists under `kind: "annotation"`, all pages. 422 past
 * {@link MAX_SEARCH_EXPORT}.
 */
export async function findSearchAnnotationIds(options: {
  workspaceId: string;
  viewer: AnnotationViewer;
  query: ParsedSearchQuery;
}): Promise<string[]> {
  const { workspaceId, viewer, query } = options;
  const [visibility, filters] = await Promise.all([
    findAnnotationVisibility({ workspaceId, viewer }),
    resolveFilters(workspaceId, query),
  ]);
  const where = searchWhereSql({ workspaceId, visibility, query, tsquery: queryTsquery(query), filters });
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT e."annotationId" AS id FROM ${searchFromSql}
     WHERE ${where} AND e.kind = 'annotation'
     LIMIT ${MAX_SEARCH_EXPORT + 1}`;
  if (rows.length > MAX_SEARCH_EXPORT) {
    throw new AppError(
      "UNPROCESSABLE",
      `This search lists more than ${MAX_SEARCH_EXPORT.toLocaleString("en")} annotations. Narrow it to export them.`,
    );
  }
  return rows.map((r) => r.id);
}
