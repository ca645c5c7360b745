// POST /api/workspaces/[workspaceId]/articles/[articleId]/check-updates — fetch a captured page again and show what changed (saves nothing)
import { withAuth } from "@/lib/auth/with-auth";
import { checkCapturedArticle } from "@/lib/server/capture/capture-article";

export const POST = withAuth(
  async ({ workspaceId, params }) =>
    Response.json({ data: await checkCapturedArticle({ workspaceId, articleId: params.articleId }) }),
  { permission: "article.import" },
);
