// GET|POST /api/workspaces/[workspaceId]/relation-types — list relation types; add one
import { withAuth } from "@/lib/auth/with-auth";
import { findRelationTypes } from "@/lib/server/relation-types/find-relation-types";
import { createRelationType } from "@/lib/server/relation-types/save-relation-type";
import { createRelationTypeSchema, relationTypeListQuerySchema } from "@/lib/validations/relation";

export const GET = withAuth(
  async ({ workspaceId, req }) => {
    const query = relationTypeListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return Response.json({
      data: await findRelationTypes({ workspaceId, includeArchived: query.archived === "true" }),
    });
  },
  { permission: "relationType.list" },
);

export const POST = withAuth(
  async ({ workspaceId, user, body }) => {
    const input = await body(createRelationTypeSchema);
    return Response.json({ data: await createRelationType({ workspaceId, actorId: user.id, input }) }, { status: 201 });
  },
  { permission: "relationType.manage" },
);
