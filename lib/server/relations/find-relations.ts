import "server-only";
import { db } from "@/lib/db";
import { requireReadableArticle } from "@/lib/server/articles/require-readable-article";
import { findAnnotationVisibility, type AnnotationViewer } from "@/lib/server/assignments/visible-authors";
import { relationSelect, relationView, type RelationView } from "@/lib/server/relations/relation-select";
import { visibleRelationsWhere } from "@/lib/server/relations/relation-visibility";
import type { RelationListQuery } from "@/lib/validations/relation";

/**
 * Returns the live relations of an article that the viewer may see (both ends
 * live), oldest first. 404 unless the article is a live article of the workspace.
 */
export async function findRelations(options: {
  workspaceId: string;
  articleId: string;
  viewer: AnnotationViewer;
  query?: RelationListQuery;
}): Promise<RelationView[]> {
  const { workspaceId, articleId, viewer, query = {} } = options;
  await requireReadableArticle({ workspaceId, articleId });
  const visibility = await findAnnotationVisibility({ workspaceId, viewer, articleId });
  const rows = await db.relation.findMany({
    where: {
      workspaceId,
      articleId,
      deletedAt: null,
      source: { deletedAt: null },
      target: { deletedAt: null },
      ...(query.status ? { status: query.status } : {}),
      ...(query.typeId ? { typeId: query.typeId } : {}),
      ...(query.ids ? { id: { in: query.ids } } : {}),
      ...(query.annotationId ? { OR: [{ sourceId: query.annotationId }, { targetId: query.annotationId }] } : {}),
      AND: [visibleRelationsWhere(visibility)],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: relationSelect,
  });
  return rows.map(relationView);
}
