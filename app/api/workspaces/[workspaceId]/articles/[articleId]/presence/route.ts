// GET|POST /api/workspaces/[workspaceId]/articles/[articleId]/presence — who has the article open; share one's selection
import { withAuth } from "@/lib/auth/with-auth";
import { notFound } from "@/lib/errors";
import { requireReadableArticle } from "@/lib/server/articles/require-readable-article";
import { findPresence, selectInPresence } from "@/lib/server/live/presence";
import { presenceSelectionSchema } from "@/lib/validations/live";

export const GET = withAuth(
  async ({ workspaceId, params, user, membership }) => {
    await requireReadableArticle({ workspaceId, articleId: params.articleId });
    const viewer = { id: user.id, role: membership.role };
    return Response.json({ data: await findPresence({ workspaceId, articleId: params.articleId, viewer }) });
  },
  { permission: "live.subscribe", apiToken: false },
);

export const POST = withAuth(
  async ({ workspaceId, params, user, body }) => {
    const input = await body(presenceSelectionSchema);
    await requireReadableArticle({ workspaceId, articleId: params.articleId });
    const known = await selectInPresence({ ...input, userId: user.id, workspaceId });
    if (!known) throw notFound("Connection");
    return new Response(null, { status: 204 });
  },
  { permission: "live.subscribe", apiToken: false },
);
