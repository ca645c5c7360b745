// GET /api/workspaces/[workspaceId]/articles/[articleId]/suggestions — likely entity mentions (nothing is created)
import { withAuth } from "@/lib/auth/with-auth";
import { suggestForArticle } from "@/lib/server/suggestions/suggest-for-article";

export const GET = withAuth(
  async ({ workspaceId, params, user, membership }) =>
    Response.json({
      data: await suggestForArticle({
        workspaceId,
        articleId: params.articleId,
        viewer: { id: user.id, role: membership.role },
      }),
    }),
  { permission: "annotation.create" },
);
