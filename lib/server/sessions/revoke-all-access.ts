import "server-only";
import type { Tx } from "@/lib/db";

/**
 * Ends every way the user is signed in, inside the caller's transaction: all
 * sessions (and tokens issued before, by bumping the session version) and all
 * of their API tokens, in every workspace. Used by "sign out everywhere" and
 * a password change. Returns how many API tokens it revoked.
 */
export async function revokeAllAccess(options: { tx: Tx; userId: string }): Promise<{ apiTokensRevoked: number }> {
  const { tx, userId } = options;
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  await tx.session.deleteMany({ where: { userId } });
  const { count } = await tx.apiToken.updateMany({
    where: { createdById: userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return { apiTokensRevoked: count };
}
