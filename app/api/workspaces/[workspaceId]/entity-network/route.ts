// GET /api/workspaces/[workspaceId]/entity-network — entities and their paragraph co-occurrences (articleId, typeId…, minWeight)
import { withAuth } from "@/lib/auth/with-auth";
import { findEntityNetwork } from "@/lib/server/entities/find-entity-network";
import { findAnnotationVisibility } from "@/lib/server/assignments/visible-authors";
import { entityNetworkQuerySchema, searchParamsObject } from "@/lib/validations/entity-network";

export const GET = withAuth(
  async ({ workspaceId, req, user, membership }) => {
    const query = entityNetworkQuerySchema.parse(searchParamsObject(new URL(req.url).searchParams, ["typeId"]));
    const network = await findEntityNetwork({
      workspaceId,
      articleId: query.articleId,
      typeIds: query.typeId,
      minWeight: query.minWeight,
      visibility: await findAnnotationVisibility({ workspaceId, viewer: { id: user.id, role: membership.role } }),
    });
    return Response.json({ data: network });
  },
  { permission: "entity.list" },
);
