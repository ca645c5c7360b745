import "server-only";
import { db } from "@/lib/db";
import type { ThreadSummary } from "@/lib/comments/comment-view";
import {
  findAnnotationVisibility,
  visibleAnnotationsWhere,
  type AnnotationViewer,
} from "@/lib/server/assignments/visible-authors";

/**
 * Comment counts (comments not deleted or hidden) and resolution of every
 * thread of an article, on the annotations the viewer may see.
 */
export async function findThreadSummaries(options: {
  workspaceId: string;
  articleId: string;
  viewer: AnnotationViewer;
}): Promise<ThreadSummary[]> {
  const visible = visibleAnnotationsWhere(await findAnnotationVisibility(options));
  const [counts, resolved] = await Promise.all([
    db.comment.groupBy({
      by: ["annotationId"],
      where: {
        workspaceId: options.workspaceId,
        articleId: options.articleId,
        deletedAt: null,
        hiddenAt: null,
        annotationId: { not: null },
        annotation: { deletedAt: null, ...visible },
      },
      _count: { _all: true },
    }),
    db.annotation.findMany({
      where: {
        workspaceId: options.workspaceId,
        articleId: options.articleId,
        deletedAt: null,
        threadResolvedAt: { not: null },
        ...visible,
      },
      select: { id: true },
    }),
  ]);
  const resolvedIds = new Set(resolved.map((a) => a.id));
  const summaries = counts.map((c) => ({
    annotationId: c.annotationId!,
    comments: c._count._all,
    resolved: resolvedIds.has(c.annotationId!),
  }));
  for (const id of resolvedIds) {
    if (!summaries.some((s) => s.annotationId === id))
      summaries.push({ annotationId: id, comments: 0, resolved: true });
  }
  return summaries;
}
