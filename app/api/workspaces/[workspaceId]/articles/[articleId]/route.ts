// GET|DELETE /api/workspaces/[workspaceId]/articles/[articleId] — read an article with its current text; soft-delete it
import { withAuth } from "@/lib/auth/with-auth";
import { deleteArticle } from "@/lib/server/articles/delete-article";
import { getArticle } from "@/lib/server/articles/get-article";

export const GET = withAuth(
  async ({ workspaceId, params }) =>
    Response.json({ data: await getArticle({ workspaceId, articleId: params.articleId }) }),
  { permission: "article.read" },
);

export const DELETE = withAuth(
  async ({ workspaceId, user, params }) => {
    await deleteArticle({ workspaceId, actorId: user.id, articleId: params.articleId });
    return new Response(null, { status: 204 });
  },
  { permission: "article.delete" },
);
