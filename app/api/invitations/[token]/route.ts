// POST /api/invitations/[token] — accept an invitation link
import { withAuth } from "@/lib/auth/with-auth";
import { acceptInvitation } from "@/lib/server/invitations/accept-invitation";

export const POST = withAuth(
  async ({ user, params }) => Response.json({ data: await acceptInvitation({ token: params.token, userId: user.id }) }),
  { user: true },
);
