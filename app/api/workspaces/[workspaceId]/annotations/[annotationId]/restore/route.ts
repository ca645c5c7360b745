// POST /api/workspaces/[workspaceId]/annotations/[annotationId]/restore — undo a deletion (same id)
import { withAuth } from "@/lib/auth/with-auth";
import { restoreAnnotation } from "@/lib/server/annotations/delete-annotation";

export const POST = withAuth(
  async ({ workspaceId, params, user, membership }) => {
    const actor = { id: user.id, role: membership.role };
    return Response.json({ data: await restoreAnnotation({ workspaceId, annotationId: params.annotationId, actor }) });
  },
  { permission: "annotation.restore" },
);
