// GET|POST /api/workspaces/[workspaceId]/articles/[articleId]/revisions — list revisions; save edited text as a new revision (re-anchors every annotation)
import { withAuth } from "@/lib/auth/with-auth";
import { findRevisions } from "@/lib/server/articles/find-revisions";
import { reviseArticle } from "@/lib/server/articles/revise-article";
import { reviseArticleSchema } from "@/lib/validations/article";

export const POST = withAuth(
  async ({ workspaceId, params, user, body }) => {
    const { baseRevisionId, content, edit } = await body(reviseArticleSchema, { maxBytes: 20_000_000 });
    const result = await reviseArticle({
      workspaceId,
      articleId: params.articleId,
      actorId: user.id,
      baseRevisionId,
      content,
      editRuns: edit?.runs,
    });
    return Response.json({ data: result }, { status: 201 });
  },
  { permission: "article.revise" },
);

export const GET = withAuth(
  async ({ workspaceId, params }) =>
    Response.json({ data: await findRevisions({ workspaceId, articleId: params.articleId }) }),
  { permission: "article.read" },
);
