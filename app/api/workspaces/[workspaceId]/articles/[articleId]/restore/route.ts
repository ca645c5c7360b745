// POST /api/workspaces/[workspaceId]/articles/[articleId]/restore — restore a deleted article
import { withAuth } from "@/lib/auth/with-auth";
import { restoreArticle } from "@/lib/server/articles/delete-article";

export const POST = withAuth(
  async ({ workspaceId, user, params }) => {
    await restoreArticle({ workspaceId, actorId: user.id, articleId: params.articleId });
    return Response.json({ data: { id: params.articleId } });
  },
  { permission: "article.restore" },
);
