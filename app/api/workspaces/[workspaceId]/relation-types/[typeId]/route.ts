// PATCH /api/workspaces/[workspaceId]/relation-types/[typeId] — rename, recolour, re-constrain or archive a relation type
import { withAuth } from "@/lib/auth/with-auth";
import { updateRelationType } from "@/lib/server/relation-types/save-relation-type";
import { updateRelationTypeSchema } from "@/lib/validations/relation";

export const PATCH = withAuth(
  async ({ workspaceId, user, params, body }) => {
    const input = await body(updateRelationTypeSchema);
    return Response.json({
      data: await updateRelationType({ workspaceId, actorId: user.id, typeId: params.typeId, input }),
    });
  },
  { permission: "relationType.manage" },
);
