import "server-only";
import { db } from "@/lib/db";
import { articleAccessWhere } from "@/lib/auth/access";
import { notFound } from "@/lib/errors";
import { annotationSelect, type AnnotationView } from "@/lib/server/annotations/annotation-select";
import {
  findAnnotationVisibility,
  visibleAnnotationsWhere,
  type AnnotationViewer,
} from "@/lib/server/assignments/visible-authors";
import type { AnnotationListQuery } from "@/lib/validations/annotation";

/**
 * Returns the live annotations of an article the user may read, in reading
 * order (start, then end), a page at a time after `cursor`; only the
 * viewer's own while they annotate the article blind.
 */
export async function findAnnotations(options: {
  workspaceId: string;
  articleId: string;
  viewer: AnnotationViewer;
  query: AnnotationListQuery;
}): Promise<{ items: AnnotationView[]; nextCursor: string | null }> {
  const article = await db.article.findFirst({
    where: { id: options.articleId, ...articleAccessWhere({ workspaceId: options.workspaceId }) },
    select: { id: true },
  });
  if (!article) throw notFound("Article");
  const { status, entityId, entityTypeId, authorId, ids, cursor, limit } = options.query;
  const visibility = await findAnnotationVisibility(options);
  const rows = await db.annotation.findMany({
    where: {
      workspaceId: options.workspaceId,
      articleId: options.articleId,
      deletedAt: null,
      ...(status ? { status } : {}),
      ...(entityId ? { entityId } : {}),
      ...(entityTypeId ? { entity: { typeId: entityTypeId } } : {}),
      ...(authorId ? { authorId } : {}),
      ...(ids ? { id: { in: ids } } : {}),
      ...visibleAnnotationsWhere(visibility),
    },
    orderBy: [{ start: "asc" }, { end: "asc" }, { id: "asc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: annotationSelect,
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}
