import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { revokeAllAccess } from "@/lib/server/sessions/revoke-all-access";
import { assertPasswordNotCommon } from "@/lib/server/users/create-user";

/** Changes the password after checking the current one; ends every session and revokes every API token (revokeAllAccess). */
export async function changePassword(options: {
  userId: string;
  currentPassword: string;
  newPassword: string;
}): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: options.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, options.currentPassword))) {
    throw new AppError("UNPROCESSABLE", "Your current password is not correct.", {
      details: { fieldErrors: { currentPassword: ["Your current password is not correct."] } },
    });
  }
  assertPasswordNotCommon(options.newPassword, "newPassword");
  const passwordHash = await hashPassword(options.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: options.userId },
      data: { passwordHash },
    });
    await revokeAllAccess({ tx, userId: options.userId });
    await recordActivity({
      tx,
      action: "user.password_changed",
      actorId: options.userId,
      target: { type: "user", id: options.userId },
    });
  });
}
