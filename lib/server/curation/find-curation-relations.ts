import "server-only";
import { db } from "@/lib/db";
import { articleAccessWhere } from "@/lib/auth/access";
import type { CurationRelation } from "@/lib/curation/relation-curation";
import { notFound } from "@/lib/errors";

/**
 * The analysts' live relations on an article's current text, for curation:
 * both ends live annotations anchored on the current revision (as relation
 * agreement counts them), oldest first. Throws 404 for an article that is not
 * in the workspace.
 */
export async function findCurationRelations(options: {
  workspaceId: string;
  articleId: string;
  analystIds: readonly string[];
}): Promise<CurationRelation[]> {
  const { workspaceId, articleId, analystIds } = options;
  const article = await db.article.findFirst({
    where: { id: articleId, ...articleAccessWhere({ workspaceId }) },
    select: { currentRevisionId: true },
  });
  if (!article?.currentRevisionId) throw notFound("Article");
  const end = { deletedAt: null, revisionId: article.currentRevisionId, anchorState: { not: "ORPHANED" as const } };
  const endSelect = { select: { id: true, start: true, end: true, exact: true } } as const;
  return db.relation.findMany({
    where: { workspaceId, articleId, deletedAt: null, authorId: { in: [...analystIds] }, source: end, target: end },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      version: true,
      status: true,
      authorId: true,
      type: { select: { id: true, name: true, directed: true, color: true } },
      source: endSelect,
      target: endSelect,
    },
  });
}
