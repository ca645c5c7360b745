import "server-only";
import { db } from "@/lib/db";
import { articleAccessWhere } from "@/lib/auth/access";
import { notFound } from "@/lib/errors";

export type RevisionSummary = {
  id: string;
  number: number;
  createdAt: Date;
  author: { id: string; name: string };
  characters: number;
};

/** Returns every revision of a live article of the workspace, newest first. */
export async function findRevisions(options: { workspaceId: string; articleId: string }): Promise<RevisionSummary[]> {
  const article = await db.article.findFirst({
    where: { id: options.articleId, ...articleAccessWhere({ workspaceId: options.workspaceId }) },
    select: { id: true },
  });
  if (!article) throw notFound("Article");
  const rows = await db.articleRevision.findMany({
    where: { articleId: article.id, workspaceId: options.workspaceId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, createdAt: true, text: true, author: { select: { id: true, name: true } } },
  });
  return rows.map(({ text, ...r }) => ({ ...r, characters: text.length }));
}

/** Returns one revision (by number) of a live article of the workspace, with its content and text. */
export async function getRevision(options: { workspaceId: string; articleId: string; number: number }) {
  const revision = await db.articleRevision.findFirst({
    where: {
      articleId: options.articleId,
      workspaceId: options.workspaceId,
      number: options.number,
      article: { deletedAt: null },
    },
    select: {
      id: true,
      number: true,
      content: true,
      text: true,
      createdAt: true,
      author: { select: { name: true } },
      article: { select: { id: true, title: true, currentRevisionId: true } },
    },
  });
  if (!revision) throw notFound("Revision");
  return revision;
}
