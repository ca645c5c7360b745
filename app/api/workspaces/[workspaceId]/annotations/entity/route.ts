// POST /api/workspaces/[workspaceId]/annotations/entity — set the entity of many annotations, all or none (Change entity and its undo)
import { withAuth } from "@/lib/auth/with-auth";
import { setAnnotationEntities } from "@/lib/server/annotations/set-annotation-entities";
import { setAnnotationEntitiesSchema } from "@/lib/validations/search";

export const POST = withAuth(
  async ({ workspaceId, user, membership, body }) => {
    const { items } = await body(setAnnotationEntitiesSchema);
    const data = await setAnnotationEntities({ workspaceId, actor: { id: user.id, role: membership.role }, items });
    return Response.json({ data });
  },
  { permission: "annotation.update" },
);
