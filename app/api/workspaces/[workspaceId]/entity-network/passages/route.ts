// GET /api/workspaces/[workspaceId]/entity-network/passages — the paragraphs where two entities (source, target) are both tagged
import { withAuth } from "@/lib/auth/with-auth";
import { findCooccurrencePassages } from "@/lib/server/entities/find-cooccurrence-passages";
import { findAnnotationVisibility } from "@/lib/server/assignments/visible-authors";
import { cooccurrencePassagesQuerySchema, searchParamsObject } from "@/lib/validations/entity-network";

export const GET = withAuth(
  async ({ workspaceId, req, user, membership }) => {
    const query = cooccurrencePassagesQuerySchema.parse(searchParamsObject(new URL(req.url).searchParams));
    const passages = await findCooccurrencePassages({
      workspaceId,
      entityIds: [query.source, query.target],
      articleId: query.articleId,
      visibility: await findAnnotationVisibility({ workspaceId, viewer: { id: user.id, role: membership.role } }),
    });
    return Response.json({ data: passages });
  },
  { permission: "entity.list" },
);
