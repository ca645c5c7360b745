import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { recordActivity } from "@/lib/server/activity/record-activity";

/** Soft-deletes an article (restorable with restoreArticle). */
export async function deleteArticle(options: {
  workspaceId: string;
  actorId: string;
  articleId: string;
}): Promise<void> {
  await setArticleDeleted({ ...options, deleted: true });
}

/** Restores a soft-deleted article. */
export async function restoreArticle(options: {
  workspaceId: string;
  actorId: string;
  articleId: string;
}): Promise<void> {
  await setArticleDeleted({ ...options, deleted: false });
}

async function setArticleDeleted(options: {
  workspaceId: string;
  actorId: string;
  articleId: string;
  deleted: boolean;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.article.updateMany({
      where: {
        id: options.articleId,
        workspaceId: options.workspaceId,
        deletedAt: options.deleted ? null : { not: null },
      },
      data: { deletedAt: options.deleted ? new Date() : null },
    });
    if (count === 0) throw notFound("Article");
    await recordActivity({
      tx,
      action: options.deleted ? "article.deleted" : "article.restored",
      actorId: options.actorId,
      workspaceId: options.workspaceId,
      target: { type: "article", id: options.articleId },
    });
  });
}
