import "server-only";
import { db } from "@/lib/db";
import { annotationSelect, type AnnotationView } from "@/lib/server/annotations/annotation-select";
import type { WorkspaceAnnotationListQuery } from "@/lib/validations/annotation";

/**
 * The live annotations of the workspace's live articles, filtered, oldest
 * first (created, then id), a page at a time after `cursor` (an annotation
 * id from the previous page's `nextCursor`).
 */
export async function findWorkspaceAnnotations(options: {
  workspaceId: string;
  query: WorkspaceAnnotationListQuery;
}): Promise<{ items: AnnotationView[]; nextCursor: string | null }> {
  const { articleId, status, entityId, entityTypeId, authorId, updatedSince, cursor, limit } = options.query;
  const rows = await db.annotation.findMany({
    where: {
      workspaceId: options.workspaceId,
      deletedAt: null,
      article: { deletedAt: null },
      ...(articleId ? { articleId } : {}),
      ...(status ? { status } : {}),
      ...(entityId ? { entityId } : {}),
      ...(entityTypeId ? { entity: { typeId: entityTypeId } } : {}),
      ...(authorId ? { authorId } : {}),
      ...(updatedSince ? { updatedAt: { gte: new Date(updatedSince) } } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor, workspaceId: options.workspaceId }, skip: 1 } : {}),
    select: annotationSelect,
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}
