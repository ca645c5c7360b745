// PATCH|DELETE /api/workspaces/[workspaceId]/relations/[relationId] — change type, note or direction (versioned); soft-delete
import { withAuth } from "@/lib/auth/with-auth";
import { deleteRelation } from "@/lib/server/relations/delete-relation";
import { updateRelation } from "@/lib/server/relations/update-relation";
import { updateRelationSchema } from "@/lib/validations/relation";

export const PATCH = withAuth(
  async ({ workspaceId, params, user, membership, body }) => {
    const input = await body(updateRelationSchema);
    const actor = { id: user.id, role: membership.role };
    return Response.json({ data: await updateRelation({ workspaceId, relationId: params.relationId, actor, input }) });
  },
  { permission: "relation.update" },
);

export const DELETE = withAuth(
  async ({ workspaceId, params, user, membership }) => {
    await deleteRelation({ workspaceId, relationId: params.relationId, actor: { id: user.id, role: membership.role } });
    return new Response(null, { status: 204 });
  },
  { permission: "relation.delete" },
);
