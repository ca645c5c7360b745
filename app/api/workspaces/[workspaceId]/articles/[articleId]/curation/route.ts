// GET  /api/workspaces/[workspaceId]/articles/[articleId]/curation — the analysts' annotations on the current text (analyst…)
// POST /api/workspaces/[workspaceId]/articles/[articleId]/curation — make a curation's picks the accepted set, all or none
import { withAuth } from "@/lib/auth/with-auth";
import { findArticleAnnotations } from "@/lib/server/agreement/find-article-annotations";
import { applyCuration } from "@/lib/server/curation/apply-curation";
import { applyCurationSchema, curationQuerySchema } from "@/lib/validations/curation";
import { searchParamsObject } from "@/lib/validations/entity-network";

export const GET = withAuth(
  async ({ workspaceId, params, req }) => {
    const query = curationQuerySchema.parse(searchParamsObject(new URL(req.url).searchParams, ["analyst"]));
    const data = await findArticleAnnotations({ workspaceId, articleId: params.articleId, analystIds: query.analyst });
    const picked = new Set(data.analysts.map((a) => a.id));
    return Response.json({ data: { ...data, annotations: data.annotations.filter((a) => picked.has(a.authorId)) } });
  },
  { permission: "annotation.review" },
);

export const POST = withAuth(
  async ({ workspaceId, params, user, membership, body }) => {
    const input = await body(applyCurationSchema, { maxBytes: 1_000_000 });
    const result = await applyCuration({
      workspaceId,
      articleId: params.articleId,
      actor: { id: user.id, role: membership.role },
      items: input.items,
    });
    return Response.json({ data: result });
  },
  { permission: "annotation.review" },
);
