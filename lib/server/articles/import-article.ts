import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { parseArticleUpload } from "@/lib/content/import-article";
import { recordActivity } from "@/lib/server/activity/record-activity";
import type { ArticleMetadata } from "@/lib/validations/article";
import type { Prisma } from "@/lib/generated/prisma/client";

export type ArticleUpload = Parameters<typeof parseArticleUpload>[0];

function titleFromFilename(filename: string): string | undefined {
  const base = filename
    .replace(/\.[^.]+$/, "")
    .replace(/[_-]+/g, " ")
    .trim();
  return base || undefined;
}

/**
 * Imports an article: converts the upload or pasted text to sanitized Tiptap
 * JSON, derives its canonical text, and stores both as revision 1, all in one
 * transaction with its activity event.
 */
export async function importArticle(options: {
  workspaceId: string;
  actorId: string;
  metadata: ArticleMetadata;
  upload: ArticleUpload;
}): Promise<{ id: string; title: string }> {
  const { content, text, suggestedTitle, pages } = await parseArticleUpload(options.upload);
  const { metadata } = options;
  const title =
    metadata.title ??
    suggestedTitle ??
    ("filename" in options.upload ? titleFromFilename(options.upload.filename) : undefined);
  if (!title) {
    throw new AppError("UNPROCESSABLE", "Give the article a title.", {
      details: { fieldErrors: { title: ["Give the article a title."] } },
    });
  }
  const articleId = newId();
  const revisionId = newId();
  return db.$transaction(async (tx) => {
    await tx.article.create({
      data: {
        id: articleId,
        workspaceId: options.workspaceId,
        title: title.slice(0, 300),
        source: metadata.source ?? null,
        authors: metadata.authors,
        publishedAt: metadata.publishedAt ? new Date(`${metadata.publishedAt}T00:00:00Z`) : null,
        originalUrl: metadata.originalUrl ?? null,
        language: metadata.language ?? null,
        importedById: options.actorId,
      },
    });
    await tx.articleRevision.create({
      data: {
        id: revisionId,
        workspaceId: options.workspaceId,
        articleId,
        number: 1,
        content: content as Prisma.InputJsonValue,
        text,
        ...(pages ? { pages: pages as Prisma.InputJsonValue } : {}),
        authorId: options.actorId,
      },
    });
    const article = await tx.article.update({
      where: { id: articleId },
      data: { currentRevisionId: revisionId },
      select: { id: true, title: true },
    });
    await recordActivity({
      tx,
      action: "article.imported",
      actorId: options.actorId,
      workspaceId: options.workspaceId,
      target: { type: "article", id: articleId },
      data: { title: article.title, characters: text.length },
    });
    return article;
  });
}
