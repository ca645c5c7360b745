import "server-only";
import { db } from "@/lib/db";
import { articleAccessWhere } from "@/lib/auth/access";
import { notFound } from "@/lib/errors";

/** Throws 404 unless the article is a live article of the workspace. */
export async function requireReadableArticle(options: { workspaceId: string; articleId: string }): Promise<void> {
  const article = await db.article.findFirst({
    where: { id: options.articleId, ...articleAccessWhere({ workspaceId: options.workspaceId }) },
    select: { id: true },
  });
  if (!article) throw notFound("Article");
}
