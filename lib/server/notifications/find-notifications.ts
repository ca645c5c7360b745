import "server-only";
import { db } from "@/lib/db";
import type { NotificationView } from "@/lib/comments/comment-view";

const EXCERPT = 140;

/** The user's latest inbox entries in a workspace, with the number still unread. */
export async function findNotifications(options: {
  workspaceId: string;
  userId: string;
  unread?: boolean;
  limit: number;
}): Promise<{ items: NotificationView[]; unreadCount: number }> {
  const { workspaceId, userId } = options;
  const where = { workspaceId, recipientId: userId, ...(options.unread ? { readAt: null } : {}) };
  const [rows, unreadCount] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: options.limit,
      select: {
        id: true,
        kind: true,
        articleId: true,
        annotationId: true,
        commentId: true,
        readAt: true,
        createdAt: true,
        actor: { select: { id: true, name: true } },
      },
    }),
    db.notification.count({ where: { workspaceId, recipientId: userId, readAt: null } }),
  ]);
  const [articles, comments] = await Promise.all([
    db.article.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.articleId))] }, workspaceId },
      select: { id: true, title: true },
    }),
    db.comment.findMany({
      where: { id: { in: rows.flatMap((r) => (r.commentId ? [r.commentId] : [])) } },
      select: { id: true, text: true, deletedAt: true, hiddenAt: true },
    }),
  ]);
  const titles = new Map(articles.map((a) => [a.id, a.title]));
  const excerpts = new Map(
    comments.map((c) => [c.id, c.deletedAt || c.hiddenAt ? "" : c.text.replace(/\s+/g, " ").slice(0, EXCERPT)]),
  );
  const items = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    actor: r.actor,
    articleId: r.articleId,
    articleTitle: titles.get(r.articleId) ?? "A deleted article",
    annotationId: r.annotationId,
    commentId: r.commentId,
    excerpt: r.commentId ? (excerpts.get(r.commentId) ?? "") : "",
    readAt: r.readAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    href:
      `/w/${workspaceId}/articles/${r.articleId}?annotation=${r.annotationId}` +
      (r.commentId ? `&comment=${r.commentId}` : ""),
  }));
  return { items, unreadCount };
}
