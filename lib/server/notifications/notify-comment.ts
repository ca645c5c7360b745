import "server-only";
import type { Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import { publishLive } from "@/lib/server/live/publish-live";

/**
 * Writes the inbox entries a new (or newly mentioning) comment causes and
 * announces each to its recipient's streams: a MENTION to everyone it
 * mentions, a REPLY to everyone else who took part in the thread (the
 * highlight's or the relation's author and earlier commenters). Never to the comment's author,
 * and each person once.
 */
export async function notifyComment(
  tx: Tx,
  options: {
    workspaceId: string;
    articleId: string;
    /** The thread: exactly one of annotationId and relationId. */
    annotationId: string | null;
    relationId: string | null;
    commentId: string;
    actorId: string;
    mentionedIds: readonly string[];
    /** Also notify the thread's participants (a new comment; not an edit). */
    participants: boolean;
  },
): Promise<void> {
  const { workspaceId, articleId, annotationId, relationId, commentId, actorId } = options;
  const recipients = new Map<string, "MENTION" | "REPLY">();
  for (const id of options.mentionedIds) if (id !== actorId) recipients.set(id, "MENTION");
  if (options.participants) {
    // One transaction is one connection: its queries run in turn (pg@9 refuses a query while one runs).
    const subject = relationId
      ? await tx.relation.findUniqueOrThrow({ where: { id: relationId }, select: { authorId: true } })
      : await tx.annotation.findUniqueOrThrow({ where: { id: annotationId! }, select: { authorId: true } });
    const earlier = await tx.comment.findMany({
      where: { ...(relationId ? { relationId } : { annotationId }), id: { not: commentId }, deletedAt: null },
      select: { authorId: true },
      distinct: ["authorId"],
    });
    const participants = [subject.authorId, ...earlier.map((c) => c.authorId)];
    // Only people still in the workspace hear about it.
    const members = await tx.membership.findMany({
      where: { workspaceId, userId: { in: participants } },
      select: { userId: true },
    });
    for (const { userId } of members)
      if (userId !== actorId && !recipients.has(userId)) recipients.set(userId, "REPLY");
  }
  if (recipients.size === 0) return;
  const rows = [...recipients].map(([recipientId, kind]) => ({
    id: newId(),
    recipientId,
    workspaceId,
    kind,
    actorId,
    articleId,
    annotationId,
    relationId,
    commentId,
  }));
  await tx.notification.createMany({ data: rows });
  await publishLive(
    tx,
    rows.map((n) => ({
      type: "notification.created" as const,
      workspaceId,
      recipientId: n.recipientId,
      data: { notificationId: n.id },
    })),
  );
}
