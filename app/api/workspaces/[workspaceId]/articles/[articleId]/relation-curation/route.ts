// GET  /api/workspaces/[workspaceId]/articles/[articleId]/relation-curation — the analysts' relations on the current text (analyst…)
// POST /api/workspaces/[workspaceId]/articles/[articleId]/relation-curation — decide relation differences, all or none
import { withAuth } from "@/lib/auth/with-auth";
import { findArticleAnnotations } from "@/lib/server/agreement/find-article-annotations";
import { applyRelationCuration } from "@/lib/server/curation/apply-relation-curation";
import { findCurationRelations } from "@/lib/server/curation/find-curation-relations";
import { applyRelationCurationSchema, curationQuerySchema } from "@/lib/validations/curation";
import { searchParamsObject } from "@/lib/validations/entity-network";

export const GET = withAuth(
  async ({ workspaceId, params, req }) => {
    const query = curationQuerySchema.parse(searchParamsObject(new URL(req.url).searchParams, ["analyst"]));
    const { analysts } = await findArticleAnnotations({
      workspaceId,
      articleId: params.articleId,
      analystIds: query.analyst,
    });
    const relations = await findCurationRelations({
      workspaceId,
      articleId: params.articleId,
      analystIds: analysts.map((a) => a.id),
    });
    return Response.json({ data: { analysts: analysts.map(({ id, name }) => ({ id, name })), relations } });
  },
  { permission: "annotation.review" },
);

export const POST = withAuth(
  async ({ workspaceId, params, user, membership, body }) => {
    const input = await body(applyRelationCurationSchema, { maxBytes: 1_000_000 });
    const result = await applyRelationCuration({
      workspaceId,
      articleId: params.articleId,
      actor: { id: user.id, role: membership.role },
      items: input.items,
    });
    return Response.json({ data: result });
  },
  { permission: "annotation.review" },
);
