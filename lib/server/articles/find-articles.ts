import "server-only";
import { db } from "@/lib/db";
import { articleAccessWhere } from "@/lib/auth/access";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ArticleListQuery } from "@/lib/validations/article";

export type ArticleListItem = {
  id: string;
  title: string;
  source: string | null;
  authors: string[];
  publishedAt: Date | null;
  createdAt: Date;
  importedBy: { id: string; name: string };
};

const orderBy: Record<ArticleListQuery["sort"], Prisma.ArticleOrderByWithRelationInput[]> = {
  newest: [{ createdAt: "desc" }, { id: "desc" }],
  oldest: [{ createdAt: "asc" }, { id: "asc" }],
  title: [{ title: "asc" }, { id: "asc" }],
  published: [{ publishedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
};

/** Returns a page of the workspace's live articles, filtered by title and sorted. */
export async function findArticles(options: { workspaceId: string; query: ArticleListQuery }): Promise<{
  items: ArticleListItem[];
  nextCursor: string | null;
}> {
  const { q, sort, cursor, limit } = options.query;
  const rows = await db.article.findMany({
    where: {
      ...articleAccessWhere({ workspaceId: options.workspaceId }),
      ...(q ? { title: { contains: q, mode: "insensitive" } } : {}),
    },
    orderBy: orderBy[sort],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: {
      id: true,
      title: true,
      source: true,
      authors: true,
      publishedAt: true,
      createdAt: true,
      importedBy: { select: { id: true, name: true } },
    },
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}
