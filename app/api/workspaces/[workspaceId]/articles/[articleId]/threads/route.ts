// GET /api/workspaces/[workspaceId]/articles/[articleId]/threads — comment counts and resolution of every thread
import { withAuth } from "@/lib/auth/with-auth";
import { requireReadableArticle } from "@/lib/server/articles/require-readable-article";
import { findThreadSummaries } from "@/lib/server/comments/find-thread-summaries";

export const GET = withAuth(
  async ({ workspaceId, params, user, membership }) => {
    await requireReadableArticle({ workspaceId, articleId: params.articleId });
    return Response.json({
      data: await findThreadSummaries({
        workspaceId,
        articleId: params.articleId,
        viewer: { id: user.id, role: membership.role },
      }),
    });
  },
  { permission: "comment.list" },
);
