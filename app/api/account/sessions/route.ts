// DELETE /api/account/sessions — sign out everywhere
import { withAuth } from "@/lib/auth/with-auth";
import { endAllSessions } from "@/lib/server/users/end-all-sessions";

export const DELETE = withAuth(
  async ({ user }) => {
    await endAllSessions({ userId: user.id });
    return Response.json({ data: { ok: true } });
  },
  { user: true },
);
