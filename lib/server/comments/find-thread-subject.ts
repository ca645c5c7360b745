import "server-only";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { findAnnotationVisibility, type AnnotationViewer } from "@/lib/server/assignments/visible-authors";
import { findThreadAnnotation } from "@/lib/server/comments/find-thread-annotation";
import { canSeeRelation } from "@/lib/server/relations/relation-visibility";

/** Which thread: an annotation's or a relation's. */
export type ThreadRef =
  { annotationId: string; relationId?: undefined } | { relationId: string; annotationId?: undefined };

/** What the comment code needs of the annotation or relation a thread is about. */
export type ThreadSubject = {
  annotationId: string | null;
  relationId: string | null;
  articleId: string;
  /** The annotation's or the relation's author (a participant of the thread). */
  authorId: string;
  threadResolvedAt: Date | null;
  /** For the activity log: the quote, or the relation's type. */
  label: string;
};

/** The thread's ids as a comment row holds them. */
export function threadRefOf(row: { annotationId: string | null; relationId: string | null }): ThreadRef {
  return row.relationId ? { relationId: row.relationId } : { annotationId: row.annotationId! };
}

/**
 * The live annotation or relation (on a live article) whose thread is being
 * read or written, and that the viewer may see; else 404. A blind analyst
 * sees threads only on relations they may see (see relation-visibility).
 */
export async function findThreadSubject(
  tx: Tx,
  options: { workspaceId: string; thread: ThreadRef; viewer: AnnotationViewer },
): Promise<ThreadSubject> {
  const { thread } = options;
  if (thread.annotationId !== undefined) {
    const a = await findThreadAnnotation(tx, { ...options, annotationId: thread.annotationId });
    return { ...a, annotationId: a.id, relationId: null, label: a.exact };
  }
  const relation = await tx.relation.findFirst({
    where: {
      id: thread.relationId,
      workspaceId: options.workspaceId,
      deletedAt: null,
      article: { deletedAt: null },
    },
    select: {
      id: true,
      articleId: true,
      authorId: true,
      threadResolvedAt: true,
      type: { select: { name: true } },
      source: { select: { authorId: true } },
      target: { select: { authorId: true } },
    },
  });
  if (!relation) throw notFound("Relation");
  const visibility = await findAnnotationVisibility(
    { workspaceId: options.workspaceId, viewer: options.viewer, articleId: relation.articleId },
    tx,
  );
  if (!canSeeRelation(visibility, relation)) throw notFound("Relation");
  return {
    annotationId: null,
    relationId: relation.id,
    articleId: relation.articleId,
    authorId: relation.authorId,
    threadResolvedAt: relation.threadResolvedAt,
    label: relation.type.name,
  };
}
