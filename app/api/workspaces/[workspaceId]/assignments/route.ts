// GET|POST /api/workspaces/[workspaceId]/assignments — assignments with progress (analysts: their own); assign an article
import { withAuth } from "@/lib/auth/with-auth";
import { findAssignments } from "@/lib/server/assignments/find-assignments";
import { createAssignments } from "@/lib/server/assignments/save-assignments";
import { assignmentListQuerySchema, createAssignmentsSchema } from "@/lib/validations/assignment";

export const GET = withAuth(
  async ({ workspaceId, user, membership, req }) => {
    const query = assignmentListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const viewer = { id: user.id, role: membership.role };
    return Response.json({ data: await findAssignments({ workspaceId, viewer, ...query }) });
  },
  { permission: "assignment.list" },
);

export const POST = withAuth(
  async ({ workspaceId, user, membership, body }) => {
    const input = await body(createAssignmentsSchema);
    const actor = { id: user.id, role: membership.role };
    return Response.json({ data: await createAssignments({ workspaceId, actor, input }) }, { status: 201 });
  },
  { permission: "assignment.manage" },
);
