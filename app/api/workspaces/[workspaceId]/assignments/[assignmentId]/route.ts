// PATCH|DELETE /api/workspaces/[workspaceId]/assignments/[assignmentId] — change due day or blind mode; remove
import { withAuth } from "@/lib/auth/with-auth";
import { removeAssignment, updateAssignment } from "@/lib/server/assignments/save-assignments";
import { updateAssignmentSchema } from "@/lib/validations/assignment";

export const PATCH = withAuth(
  async ({ workspaceId, params, user, membership, body }) => {
    const input = await body(updateAssignmentSchema);
    const actor = { id: user.id, role: membership.role };
    return Response.json({
      data: await updateAssignment({ workspaceId, actor, assignmentId: params.assignmentId, input }),
    });
  },
  { permission: "assignment.manage" },
);

export const DELETE = withAuth(
  async ({ workspaceId, params, user, membership }) => {
    await removeAssignment({
      workspaceId,
      actor: { id: user.id, role: membership.role },
      assignmentId: params.assignmentId,
    });
    return new Response(null, { status: 204 });
  },
  { permission: "assignment.manage" },
);
