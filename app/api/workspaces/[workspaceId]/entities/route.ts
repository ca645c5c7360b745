// GET|POST /api/workspaces/[workspaceId]/entities — search the entity catalog (q, typeId); create an entity
import { withAuth } from "@/lib/auth/with-auth";
import { findEntities } from "@/lib/server/entities/find-entities";
import { createEntity } from "@/lib/server/entities/save-entity";
import { createEntitySchema, entitySearchSchema } from "@/lib/validations/entity";

export const GET = withAuth(
  async ({ workspaceId, req }) => {
    const query = entitySearchSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return Response.json({ data: await findEntities({ workspaceId, ...query }) });
  },
  { permission: "entity.list" },
);

export const POST = withAuth(
  async ({ workspaceId, user, body }) => {
    const input = await body(createEntitySchema);
    return Response.json({ data: await createEntity({ workspaceId, actorId: user.id, input }) }, { status: 201 });
  },
  { permission: "entity.create" },
);
