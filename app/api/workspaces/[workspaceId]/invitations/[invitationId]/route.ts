// DELETE /api/workspaces/[workspaceId]/invitations/[invitationId] — revoke an invitation link
import { withAuth } from "@/lib/auth/with-auth";
import { revokeInvitation } from "@/lib/server/invitations/revoke-invitation";

export const DELETE = withAuth(
  async ({ workspaceId, user, params }) => {
    await revokeInvitation({ workspaceId, actorId: user.id, invitationId: params.invitationId });
    return new Response(null, { status: 204 });
  },
  { permission: "invitation.manage" },
);
