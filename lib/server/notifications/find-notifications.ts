import "server-only";
import { db } from "@/lib/db";
import type { NotificationView } from "@/lib/comments/comment-view";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findAnnotationVisibility, type AnnotationViewer } from "@/lib/server/assignments/visible-authors";

const EXCERPT = 140;

/**
 * The user's latest inbox entries in a workspace, with the number still
 * unread. Entries about others' annotations on an article the user annotates
 * blind wait until they submit (see visible-authors).
 */
export async function findNotifications(options: {
  workspaceId: string;
  userId: string;
  viewer: AnnotationViewer;
  unread?: boolean;
  limit: number;
}): Promise<{ items: NotificationView[]; unreadCount: number }> {
  const { workspaceId, userId } = options;
  const visible = await visibleNotificationsWhere(workspaceId, options.viewer);
  const where = { workspaceId, recipientId: userId, ...visible, ...(options.unread ? { readAt: null } : {}) };
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
        relationId: true,
        commentId: true,
        readAt: true,
        createdAt: true,
        actor: { select: { id: true, name: true } },
      },
    }),
    db.notification.count({ where: { workspaceId, recipientId: userId, readAt: null, ...visible } }),
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
    relationId: r.relationId,
    commentId: r.commentId,
    excerpt: r.commentId ? (excerpts.get(r.commentId) ?? "") : "",
    readAt: r.readAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    href: r.annotationId
      ? `/w/${workspaceId}/articles/${r.articleId}?annotation=${r.annotationId}` +
        (r.commentId ? `&comment=${r.commentId}` : "")
      : r.relationId
        ? `/w/${workspaceId}/articles/${r.articleId}?relation=${r.relationId}` +
          (r.commentId ? `&comment=${r.commentId}` : "")
        : `/w/${workspaceId}/articles/${r.articleId}`,
  }));
  return { items, unreadCount };
}

/** Hides notifications about annotations and relations the viewer may not see (the blind-annotation rule). */
async function visibleNotificationsWhere(
  workspaceId: string,
  viewer: AnnotationViewer,
): Promise<Prisma.NotificationWhereInput> {
  const { blindArticleIds } = await findAnnotationVisibility({ workspaceId, viewer });
  if (!blindArticleIds.length) return {};
  const [own, ownRelations] = await Promise.all([
    db.annotation.findMany({
      where: { workspaceId, articleId: { in: blindArticleIds }, authorId: viewer.id },
      select: { id: true },
    }),
    db.relation.findMany({
      where: {
        workspaceId,
        articleId: { in: blindArticleIds },
        authorId: viewer.id,
        source: { authorId: viewer.id },
        target: { authorId: viewer.id },
      },
      select: { id: true },
    }),
  ]);
  // On a blind article only one's own relations between one's own annotations are visible (relation-visibility).
  return {
    OR: [
      { articleId: { notIn: blindArticleIds } },
      { annotationId: null, relationId: null },
      { annotationId: { in: own.map((a) => a.id) } },
      { relationId: { in: ownRelations.map((r) => r.id) } },
    ],
  };
}
