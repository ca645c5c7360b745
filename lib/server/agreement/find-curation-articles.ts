import "server-only";
import { db } from "@/lib/db";

export type CurationArticle = {
  id: string;
  title: string;
  /** Authors with annotations on the current text. */
  analysts: number;
  annotations: number;
  /** Of those, still undecided. */
  proposed: number;
};

/**
 * Live articles of the workspace whose current text two or more people
 * annotated (orphaned and deleted annotations left out), the most undecided
 * first: where agreement and curation apply.
 */
export async function findCurationArticles(options: {
  workspaceId: string;
  limit?: number;
}): Promise<CurationArticle[]> {
  return db.$queryRaw<CurationArticle[]>`
    SELECT ar."id", ar."title",
      COUNT(DISTINCT a."authorId")::int AS "analysts",
      COUNT(*)::int AS "annotations",
      (COUNT(*) FILTER (WHERE a."status" = 'PROPOSED'))::int AS "proposed"
    FROM "Annotation" a
    JOIN "Article" ar ON ar."id" = a."articleId" AND ar."currentRevisionId" = a."revisionId" AND ar."deletedAt" IS NULL
    WHERE a."workspaceId" = ${options.workspaceId} AND a."deletedAt" IS NULL AND a."anchorState" <> 'ORPHANED'
    GROUP BY ar."id", ar."title"
    HAVING COUNT(DISTINCT a."authorId") >= 2
    ORDER BY "proposed" DESC, ar."title", ar."id"
    LIMIT ${options.limit ?? 50}`;
}
