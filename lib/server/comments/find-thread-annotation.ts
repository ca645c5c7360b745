import "server-only";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** A live annotation of the workspace (on a live article) whose thread is being read or written; else 404. */
export async function findThreadAnnotation(tx: Tx, options: { workspaceId: string; annotationId: string }) {
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
  return annotation;
}
