import "server-only";
import { db } from "@/lib/db";
import type { ThreadView } from "@/lib/comments/comment-view";
import { commentSelect, toCommentView } from "@/lib/server/comments/comment-select";
import { findThreadSubject, type ThreadRef } from "@/lib/server/comments/find-thread-subject";
import type { AnnotationViewer } from "@/lib/server/assignments/visible-authors";

/** An annotation's or a relation's discussion: its comments in order, and whether it is resolved. */
export async function findThread(options: {
  workspaceId: string;
  thread: ThreadRef;
  viewer: AnnotationViewer;
}): Promise<ThreadView> {
  const subject = await findThreadSubject(db, options);
  const resolvedSelect = { threadResolvedAt: true, threadResolvedBy: { select: { id: true, name: true } } } as const;
  const [state, comments] = await Promise.all([
    subject.relationId
      ? db.relation.findUniqueOrThrow({ where: { id: subject.relationId }, select: resolvedSelect })
      : db.annotation.findUniqueOrThrow({ where: { id: subject.annotationId! }, select: resolvedSelect }),
    db.comment.findMany({
      where: subject.relationId ? { relationId: subject.relationId } : { annotationId: subject.annotationId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: commentSelect,
    }),
  ]);
  return {
    annotationId: subject.annotationId,
    relationId: subject.relationId,
    resolved: state.threadResolvedAt !== null,
    resolvedAt: state.threadResolvedAt?.toISOString() ?? null,
    resolvedBy: state.threadResolvedBy,
    comments: comments.map(toCommentView),
  };
}
