import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findWorkspaceComment } from "@/lib/server/comments/find-comment-for-write";
import type { AnnotationViewer } from "@/lib/server/assignments/visible-authors";

/** The earlier versions of a visible comment, newest first. */
export async function findCommentHistory(options: {
  workspaceId: string;
  commentId: string;
  viewer: AnnotationViewer;
}): Promise<{ text: string; createdAt: string }[]> {
  const comment = await findWorkspaceComment(db, options);
  if (comment.deletedAt || comment.hiddenAt) throw new AppError("NOT_FOUND", "This comment has no visible history.");
  const revisions = await db.commentRevision.findMany({
    where: { commentId: options.commentId },
    orderBy: { createdAt: "desc" },
    select: { text: true, createdAt: true },
  });
  return revisions.map((r) => ({ text: r.text, createdAt: r.createdAt.toISOString() }));
}
