// POST /api/account/password — change my password (ends every session)
import { withAuth } from "@/lib/auth/with-auth";
import { changePassword } from "@/lib/server/users/change-password";
import { changePasswordSchema } from "@/lib/validations/auth";

export const POST = withAuth(
  async ({ user, body }) => {
    const input = await body(changePasswordSchema);
    await changePassword({ userId: user.id, ...input });
    return Response.json({ data: { ok: true } });
  },
  { user: true },
);
