// DELETE /api/workspaces/[workspaceId]/membership — leave the workspace
import { withAuth } from "@/lib/auth/with-auth";
import { removeMember } from "@/lib/server/members/remove-member";

export const DELETE = withAuth(
  async ({ workspaceId, user }) => {
    await removeMember({ workspaceId, actorId: user.id, userId: user.id });
    return new Response(null, { status: 204 });
  },
  { permission: "workspace.read" },
);
