// GET|POST /api/workspaces/[workspaceId]/articles/[articleId]/relations — list an article's relations; link two annotations
import { withAuth } from "@/lib/auth/with-auth";
import { createRelation } from "@/lib/server/relations/create-relation";
import { findRelations } from "@/lib/server/relations/find-relations";
import { createRelationSchema, relationListQuerySchema } from "@/lib/validations/relation";

export const GET = withAuth(
  async ({ workspaceId, params, req, user, membership }) => {
    const query = relationListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const viewer = { id: user.id, role: membership.role };
    return Response.json({ data: await findRelations({ workspaceId, articleId: params.articleId, viewer, query }) });
  },
  { permission: "relation.list" },
);

export const POST = withAuth(
  async ({ workspaceId, params, user, membership, body }) => {
    const input = await body(createRelationSchema);
    const actor = { id: user.id, role: membership.role };
    const relation = await createRelation({ workspaceId, articleId: params.articleId, actor, input });
    return Response.json({ data: relation }, { status: 201 });
  },
  { permission: "relation.create" },
);
