import "server-only";
import { BLOCK_SEPARATOR } from "@/lib/anchoring/canonical-text";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleAnnotationsSql, type AnnotationVisibility } from "@/lib/server/assignments/visible-authors";

/**
 * Postgres regex for every character outside the Basic Multilingual Plane:
 * each is one character to Postgres but two UTF-16 units to our offsets.
 */
const NOT_ASTRAL = "[^\\U00010000-\\U0010FFFF]";

export type PlacementFilter = {
  workspaceId: string;
  articleId?: string;
  typeIds?: string[];
  entityIds?: string[];
  /** Only revisions where at least this many distinct entities are tagged (2 for co-occurrence). */
  minEntitiesPerRevision?: number;
  /** Whose annotations the viewer may see (the blind-annotation rule). */
  visibility: AnnotationVisibility;
};

/**
 * CTEs `anchored`, `blocks` and `placed`, for a query to continue with
 * `SELECT … FROM placed`:
 *
 * - `anchored`: live annotations of live, unmerged entities on their live
 *   article's current revision, not orphaned (an orphan has no place).
 * - `blocks`: the paragraphs of those revisions, split on the canonical block
 *   separator exactly as `text.split("\n\n")` would split them, each with its
 *   0-based `ord`, its `text`, and its `start` and `units` (length) in UTF-16
 *   units. Postgres counts characters, so each block's length is corrected by
 *   its astral characters before the running sum turns lengths into starts.
 * - `placed`: each anchored annotation with the `paragraph` (block `ord`)
 *   containing its start offset.
 *
 * Done in SQL so that only aggregates leave the database, never every
 * article's text; a revision's text never changes, so neither do its blocks.
 */
export function placedAnnotationsSql(filter: PlacementFilter): Prisma.Sql {
  const conditions = [
    Prisma.sql`a."workspaceId" = ${filter.workspaceId}`,
    Prisma.sql`a."deletedAt" IS NULL`,
    Prisma.sql`a."anchorState" <> 'ORPHANED'`,
    Prisma.sql`ar."deletedAt" IS NULL`,
    Prisma.sql`ar."currentRevisionId" = a."revisionId"`,
    Prisma.sql`e."deletedAt" IS NULL`,
    Prisma.sql`e."mergedIntoId" IS NULL`,
    ...liveEntityFilters(filter),
  ];
  return Prisma.sql`
    anchored AS (
      SELECT a.id, a."entityId", a."articleId", a."revisionId", a.start, a."end"
      FROM "Annotation" a
      JOIN "Article" ar ON ar.id = a."articleId"
      JOIN "Entity" e ON e.id = a."entityId"
      WHERE ${Prisma.join(conditions, " AND ")}
    ),
    revisions AS (
      SELECT "revisionId" FROM anchored
      GROUP BY "revisionId"
      HAVING count(DISTINCT "entityId") >= ${filter.minEntitiesPerRevision ?? 1}
    ),
    split AS (
      SELECT r.id AS "revisionId", b.ord::int - 1 AS ord, b.text,
        length(b.text) + length(regexp_replace(b.text, ${NOT_ASTRAL}, '', 'g')) AS units
      FROM "ArticleRevision" r
      CROSS JOIN LATERAL regexp_split_to_table(r.text, ${BLOCK_SEPARATOR}) WITH ORDINALITY AS b(text, ord)
      WHERE r.id IN (SELECT "revisionId" FROM revisions)
    ),
    blocks AS (
      SELECT "revisionId", ord, text, units,
        (sum(units + ${BLOCK_SEPARATOR.length}) OVER (PARTITION BY "revisionId" ORDER BY ord)
          - units - ${BLOCK_SEPARATOR.length})::int AS start
      FROM split
    ),
    placed AS (
      SELECT an.*, b.ord AS paragraph
      FROM anchored an
      JOIN blocks b ON b."revisionId" = an."revisionId"
        AND an.start >= b.start AND an.start < b.start + b.units + ${BLOCK_SEPARATOR.length}
    )`;
}

/** The article, type, entity and visibility conditions, on `a` (Annotation) and `e` (Entity). */
export function liveEntityFilters(filter: PlacementFilter): Prisma.Sql[] {
  return [
    Prisma.sql`e."workspaceId" = ${filter.workspaceId}`,
    visibleAnnotationsSql(filter.visibility, "a"),
    ...(filter.articleId ? [Prisma.sql`a."articleId" = ${filter.articleId}`] : []),
    ...(filter.typeIds?.length ? [Prisma.sql`e."typeId" IN (${Prisma.join(filter.typeIds)})`] : []),
    ...(filter.entityIds?.length ? [Prisma.sql`e.id IN (${Prisma.join(filter.entityIds)})`] : []),
  ];
}
