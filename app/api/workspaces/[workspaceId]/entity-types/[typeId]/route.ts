// PATCH /api/workspaces/[workspaceId]/entity-types/[typeId] — rename, recolour, rebind or archive a type
import { withAuth } from "@/lib/auth/with-auth";
import { updateEntityType } from "@/lib/server/entity-types/save-entity-type";
import { updateEntityTypeSchema } from "@/lib/validations/entity";

export const PATCH = withAuth(
  async ({ workspaceId, user, params, body }) => {
    const input = await body(updateEntityTypeSchema);
    return Response.json({
      data: await updateEntityType({ workspaceId, actorId: user.id, typeId: params.typeId, input }),
    });
  },
  { permission: "entityType.manage" },
);
