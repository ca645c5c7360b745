// GET|PATCH /api/workspaces/[workspaceId]/entities/[entityId] — an entity with its mentions; edit it
import { withAuth } from "@/lib/auth/with-auth";
import { getEntity } from "@/lib/server/entities/get-entity";
import { updateEntity } from "@/lib/server/entities/save-entity";
import { updateEntitySchema } from "@/lib/validations/entity";

export const GET = withAuth(
  async ({ workspaceId, params, user, membership }) =>
    Response.json({
      data: await getEntity({
        workspaceId,
        entityId: params.entityId,
        viewer: { id: user.id, role: membership.role },
      }),
    }),
  { permission: "entity.list" },
);

export const PATCH = withAuth(
  async ({ workspaceId, user, params, body }) => {
    const input = await body(updateEntitySchema);
    return Response.json({
      data: await updateEntity({ workspaceId, actorId: user.id, entityId: params.entityId, input }),
    });
  },
  { permission: "entity.update" },
);
