import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, preparedQuery } from "@/lib/db";
import { encodeRelations, type CompactRelations, type EncodableRelation } from "@/lib/relations/compact-relations";
import { findAnnotationVisibility, isBlind, type AnnotationViewer } from "@/lib/server/assignments/visible-authors";

/**
 * The live relations of an article (both ends live) that the viewer may see,
 * oldest first, for the article page: one query for the rows (columns and the
 * ends' anchor states, nothing else of the ends) and one each for the types
 * and authors they name, encoded compactly. The same rows as `findRelations`
 * (the API's), which also loads both ends with their quotes and entities —
 * what the reader does not need. The caller has checked that the article is
 * readable.
 */
export async function findReaderRelations(options: {
  workspaceId: string;
  articleId: string;
  viewer: AnnotationViewer;
}): Promise<CompactRelations> {
  const visibility = await findAnnotationVisibility(options);
  // The blind rule (relation-visibility.ts) for one article: own relations between own annotations.
  const own = isBlind(visibility, options.articleId) ? options.viewer.id : null;
  const rows = await preparedQuery<EncodableRelation>(
    "reader-relations",
    Prisma.sql`
    SELECT r."id", r."sourceId", r."targetId", r."typeId", r."authorId", r."version", r."status", r."note",
      (s."anchorState" = 'ORPHANED' OR t."anchorState" = 'ORPHANED') AS "flagged"
    FROM "Relation" r
    JOIN "Annotation" s ON s."id" = r."sourceId" AND s."deletedAt" IS NULL
    JOIN "Annotation" t ON t."id" = r."targetId" AND t."deletedAt" IS NULL
    WHERE r."workspaceId" = ${options.workspaceId} AND r."articleId" = ${options.articleId} AND r."deletedAt" IS NULL
      AND (${own}::text IS NULL OR (r."authorId" = ${own} AND s."authorId" = ${own} AND t."authorId" = ${own}))
    ORDER BY r."createdAt", r."id"`,
  );
  const typeIds = [...new Set(rows.map((r) => r.typeId))];
  const authorIds = [...new Set(rows.map((r) => r.authorId))];
  const [types, authors] = await Promise.all([
    typeIds.length
      ? db.relationType.findMany({
          where: { id: { in: typeIds } },
          select: { id: true, name: true, inverseLabel: true, directed: true, color: true },
        })
      : [],
    authorIds.length ? db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } }) : [],
  ]);
  return encodeRelations(rows, types, authors);
}
