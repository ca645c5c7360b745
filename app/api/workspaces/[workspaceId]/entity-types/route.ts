// GET|POST /api/workspaces/[workspaceId]/entity-types — list entity types; add one
import { withAuth } from "@/lib/auth/with-auth";
import { findEntityTypes } from "@/lib/server/entity-types/find-entity-types";
import { createEntityType } from "@/lib/server/entity-types/save-entity-type";
import { createEntityTypeSchema, entityTypeListQuerySchema } from "@/lib/validations/entity";

export const GET = withAuth(
  async ({ workspaceId, req }) => {
    const query = entityTypeListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const includeArchived = query.archived === "true";
    return Response.json({ data: await findEntityTypes({ workspaceId, includeArchived }) });
  },
  { permission: "entityType.list" },
);

export const POST = withAuth(
  async ({ workspaceId, user, body }) => {
    const input = await body(createEntityTypeSchema);
    return Response.json({ data: await createEntityType({ workspaceId, actorId: user.id, input }) }, { status: 201 });
  },
  { permission: "entityType.manage" },
);
