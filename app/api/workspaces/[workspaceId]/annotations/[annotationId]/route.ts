// PATCH|DELETE /api/workspaces/[workspaceId]/annotations/[annotationId] — change entity or note (versioned); soft-delete
import { withAuth } from "@/lib/auth/with-auth";
import { deleteAnnotation } from "@/lib/server/annotations/delete-annotation";
import { updateAnnotation } from "@/lib/server/annotations/update-annotation";
import { updateAnnotationSchema } from "@/lib/validations/annotation";

export const PATCH = withAuth(
  async ({ workspaceId, params, user, membership, body }) => {
    const input = await body(updateAnnotationSchema);
    const actor = { id: user.id, role: membership.role };
    return Response.json({
      data: await updateAnnotation({ workspaceId, annotationId: params.annotationId, actor, input }),
    });
  },
  { permission: "annotation.update" },
);

export const DELETE = withAuth(
  async ({ workspaceId, params, user, membership }) => {
    await deleteAnnotation({
      workspaceId,
      annotationId: params.annotationId,
      actor: { id: user.id, role: membership.role },
    });
    return new Response(null, { status: 204 });
  },
  { permission: "annotation.delete" },
);
