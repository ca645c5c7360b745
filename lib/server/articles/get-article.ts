import "server-only";
import { db } from "@/lib/db";
import { articleAccessWhere } from "@/lib/auth/access";
import { notFound } from "@/lib/errors";

/** Returns a live article of the workspace with its current revision, or throws 404. */
export async function getArticle(options: { workspaceId: string; articleId: string }) {
  const article = await db.article.findFirst({
    where: { id: options.articleId, ...articleAccessWhere({ workspaceId: options.workspaceId }) },
    select: {
      id: true,
      workspaceId: true,
      title: true,
      source: true,
      authors: true,
      publishedAt: true,
      originalUrl: true,
      canonicalUrl: true,
      capturedAt: true,
      language: true,
      createdAt: true,
      updatedAt: true,
      importedBy: { select: { id: true, name: true } },
      currentRevision: { select: { id: true, number: true, content: true, text: true, pages: true, createdAt: true } },
    },
  });
  if (!article || !article.currentRevision) throw notFound("Article");
  return { ...article, currentRevision: article.currentRevision };
}
export type ArticleDetail = Awaited<ReturnType<typeof getArticle>>;
