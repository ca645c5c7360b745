// POST /api/account/password — change my password (ends every session, revokes API tokens; wrong passwords are limited)
import {
  assertPasswordChangeAllowed,
  clearFailedPasswordChanges,
  clientIp,
  recordFailedPasswordChange,
} from "@/lib/auth/rate-limit";
import { withAuth } from "@/lib/auth/with-auth";
import { AppError } from "@/lib/errors";
import { changePassword } from "@/lib/server/users/change-password";
import { changePasswordSchema } from "@/lib/validations/auth";

export const POST = withAuth(
  async ({ req, user, body }) => {
    const input = await body(changePasswordSchema);
    const ip = clientIp(req.headers);
    await assertPasswordChangeAllowed(user.id, ip);
    try {
      await changePassword({ userId: user.id, ...input });
    } catch (err) {
      const wrongPassword =
        err instanceof AppError && (err.details?.fieldErrors as Record<string, unknown>)?.currentPassword;
      if (wrongPassword) await recordFailedPasswordChange(user.id, ip);
      throw err;
    }
    await clearFailedPasswordChanges(user.id);
    return Response.json({ data: { ok: true } });
  },
  { user: true },
);
