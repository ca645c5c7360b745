import "server-only";
import { db } from "@/lib/db";
import {
  findAnnotationVisibility,
  visibleAnnotationsWhere,
  type AnnotationViewer,
} from "@/lib/server/assignments/visible-authors";
import { encodeAnnotations, type CompactAnnotations } from "@/lib/annotations/compact-annotations";

/**
 * Every live annotation of an article, in reading order, for the article page:
 * one query for the rows (columns only, no joins) and one each for the
 * authors and entities they name, encoded compactly; only the viewer's own
 * while they annotate the article blind. The caller has checked that the
 * article is readable.
 */
export async function findReaderAnnotations(options: {
  workspaceId: string;
  articleId: string;
  viewer: AnnotationViewer;
}): Promise<CompactAnnotations> {
  const visibility = await findAnnotationVisibility(options);
  const rows = await db.annotation.findMany({
    where: {
      workspaceId: options.workspaceId,
      articleId: options.articleId,
      deletedAt: null,
      ...visibleAnnotationsWhere(visibility),
    },
    orderBy: [{ start: "asc" }, { end: "asc" }, { id: "asc" }],
    select: {
      id: true,
      start: true,
      end: true,
      exact: true,
      prefix: true,
      suffix: true,
      status: true,
      anchorState: true,
      version: true,
      note: true,
      createdAt: true,
      authorId: true,
      entityId: true,
    },
  });
  const authorIds = [...new Set(rows.map((r) => r.authorId))];
  const entityIds = [...new Set(rows.flatMap((r) => (r.entityId ? [r.entityId] : [])))];
  const [authors, entities] = await Promise.all([
    db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } }),
    db.entity.findMany({
      where: { id: { in: entityIds } },
      select: { id: true, name: true, type: { select: { id: true, name: true, color: true } } },
    }),
  ]);
  return encodeAnnotations(rows, authors, entities);
}
