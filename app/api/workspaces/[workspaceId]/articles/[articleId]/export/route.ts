// GET /api/workspaces/[workspaceId]/articles/[articleId]/export — download an article's annotations (?format=…, filters)
import { withAuth } from "@/lib/auth/with-auth";
import { exportResponse } from "@/lib/server/exports/export-response";
import { requireExportArticle } from "@/lib/server/exports/export-rows";
import { articleExportQuerySchema } from "@/lib/validations/export";

export const GET = withAuth(
  async ({ workspaceId, params, req, user, membership }) => {
    const query = {
      ...articleExportQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams)),
      articleId: params.articleId,
    };
    const article = await requireExportArticle({ workspaceId, articleId: params.articleId });
    return exportResponse({
      req,
      workspaceId,
      query,
      scope: { kind: "article", article },
      viewer: { id: user.id, role: membership.role },
    });
  },
  { permission: "annotation.export" },
);
