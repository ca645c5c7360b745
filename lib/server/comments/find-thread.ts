import "server-only";
import { db } from "@/lib/db";
import type { ThreadView } from "@/lib/comments/comment-view";
import { commentSelect, toCommentView } from "@/lib/server/comments/comment-select";
import { findThreadAnnotation } from "@/lib/server/comments/find-thread-annotation";
import type { AnnotationViewer } from "@/lib/server/assignments/visible-authors";

/** An annotation's discussion: its comments in order, and whether it is resolved. */
export async function findThread(options: {
  workspaceId: string;
  annotationId: string;
  viewer: AnnotationViewer;
}): Promise<ThreadView> {
  await findThreadAnnotation(db, options);
  const [annotation, comments] = await Promise.all([
    db.annotation.findUniqueOrThrow({
      where: { id: options.annotationId },
      select: { threadResolvedAt: true, threadResolvedBy: { select: { id: true, name: true } } },
    }),
    db.comment.findMany({
      where: { annotationId: options.annotationId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: commentSelect,
    }),
  ]);
  return {
    annotationId: options.annotationId,
    resolved: annotation.threadResolvedAt !== null,
    resolvedAt: annotation.threadResolvedAt?.toISOString() ?? null,
    resolvedBy: annotation.threadResolvedBy,
    comments: comments.map(toCommentView),
  };
}
