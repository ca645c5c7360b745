// GET|POST /api/workspaces/[workspaceId]/invitations — open invitations; create an invitation link
import { withAuth } from "@/lib/auth/with-auth";
import { createInvitation } from "@/lib/server/invitations/create-invitation";
import { findOpenInvitations } from "@/lib/server/invitations/find-invitations";
import { createInvitationSchema } from "@/lib/validations/workspace";

export const GET = withAuth(
  async ({ workspaceId }) => Response.json({ data: await findOpenInvitations({ workspaceId }) }),
  {
    permission: "invitation.manage",
  },
);

export const POST = withAuth(
  async ({ workspaceId, user, body, req }) => {
    const input = await body(createInvitationSchema);
    const invitation = await createInvitation({ workspaceId, actorId: user.id, ...input });
    const url = new URL(`/invite/${invitation.token}`, process.env.NEXTAUTH_URL ?? req.url).toString();
    return Response.json({ data: { ...invitation, url } }, { status: 201 });
  },
  { permission: "invitation.manage" },
);
