// POST /api/workspaces/[workspaceId]/entities/[entityId]/merge — merge this entity into another ({ intoId })
import { withAuth } from "@/lib/auth/with-auth";
import { mergeEntities } from "@/lib/server/entities/merge-entities";
import { mergeEntitySchema } from "@/lib/validations/entity";

export const POST = withAuth(
  async ({ workspaceId, user, params, body }) => {
    const { intoId } = await body(mergeEntitySchema);
    return Response.json({
      data: await mergeEntities({ workspaceId, actorId: user.id, entityId: params.entityId, intoId }),
    });
  },
  { permission: "entity.merge" },
);
