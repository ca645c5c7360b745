// POST|DELETE /api/workspaces/[workspaceId]/assignments/[assignmentId]/submit — mark one's work submitted; reopen it (leads)
import { withAuth } from "@/lib/auth/with-auth";
import { setAssignmentSubmitted } from "@/lib/server/assignments/save-assignments";

export const POST = withAuth(
  async ({ workspaceId, params, user, membership }) =>
    Response.json({
      data: await setAssignmentSubmitted({
        workspaceId,
        actor: { id: user.id, role: membership.role },
        assignmentId: params.assignmentId,
        submitted: true,
      }),
    }),
  { permission: "assignment.submit" },
);

export const DELETE = withAuth(
  async ({ workspaceId, params, user, membership }) =>
    Response.json({
      data: await setAssignmentSubmitted({
        workspaceId,
        actor: { id: user.id, role: membership.role },
        assignmentId: params.assignmentId,
        submitted: false,
      }),
    }),
  { permission: "assignment.manage" },
);
