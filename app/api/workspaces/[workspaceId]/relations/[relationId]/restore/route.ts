// POST /api/workspaces/[workspaceId]/relations/[relationId]/restore — undo a deletion (same id)
import { withAuth } from "@/lib/auth/with-auth";
import { restoreRelation } from "@/lib/server/relations/delete-relation";

export const POST = withAuth(
  async ({ workspaceId, params, user, membership }) => {
    const actor = { id: user.id, role: membership.role };
    return Response.json({ data: await restoreRelation({ workspaceId, relationId: params.relationId, actor }) });
  },
  { permission: "relation.restore" },
);
