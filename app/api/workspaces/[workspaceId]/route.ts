// GET|PATCH /api/workspaces/[workspaceId] — read a workspace; rename it or change its review setting
import { withAuth } from "@/lib/auth/with-auth";
import { getWorkspace } from "@/lib/server/workspaces/get-workspace";
import { updateWorkspace } from "@/lib/server/workspaces/update-workspace";
import { updateWorkspaceSchema } from "@/lib/validations/workspace";

export const GET = withAuth(
  async ({ workspaceId, membership }) =>
    Response.json({ data: { ...(await getWorkspace({ workspaceId })), role: membership.role } }),
  { permission: "workspace.read" },
);

export const PATCH = withAuth(
  async ({ workspaceId, user, body }) => {
    const change = await body(updateWorkspaceSchema);
    return Response.json({ data: await updateWorkspace({ workspaceId, actorId: user.id, ...change }) });
  },
  { permission: "workspace.update" },
);
