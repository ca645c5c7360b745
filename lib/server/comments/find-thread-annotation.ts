import "server-only";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import {
  canSeeAnnotation,
  findAnnotationVisibility,
  type AnnotationViewer,
} from "@/lib/server/assignments/visible-authors";

/**
 * A live annotation of the workspace (on a live article) whose thread is being
 * read or written, and that the viewer may see (not someone else's on an
 * article they annotate blind); else 404.
 */
export async function findThreadAnnotation(
  tx: Tx,
  options: { workspaceId: string; annotationId: string; viewer: AnnotationViewer },
) {
  const annotation = await tx.annotation.findFirst({
    where: {
      id: options.annotationId,
      workspaceId: options.workspaceId,
      deletedAt: null,
      article: { deletedAt: null },
    },
    select: { id: true, articleId: true, authorId: true, exact: true, threadResolvedAt: true },
  });
  if (!annotation) throw notFound("Annotation");
  const visibility = await findAnnotationVisibility(
    { workspaceId: options.workspaceId, viewer: options.viewer, articleId: annotation.articleId },
    tx,
  );
  if (!canSeeAnnotation(visibility, annotation)) throw notFound("Annotation");
  return annotation;
}
