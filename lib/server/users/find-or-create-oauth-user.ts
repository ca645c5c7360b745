import "server-only";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { claimPlaceholder } from "@/lib/server/users/claim-placeholder";

/**
 * Links an OAuth/OIDC sign-in to our user with the same (provider-verified)
 * email, creating a password-less account on first sign-in (or claiming a workspace
 * archive's placeholder account for that email, see claimPlaceholder).
 */
export async function findOrCreateOAuthUser(options: {
  email: string;
  name: string;
}): Promise<{ id: string; sessionVersion: number } | null> {
  const email = options.email.toLowerCase();
  const existing = await db.user.findUnique({
    where: { email },
    select: { id: true, sessionVersion: true, disabledAt: true },
  });
  if (existing && !existing.disabledAt) return existing;
  if (existing) {
    const claimed = await db.$transaction((tx) =>
      claimPlaceholder({ tx, email, name: options.name.slice(0, 100) || email, passwordHash: null, via: "oauth" }),
    );
    return claimed ? { id: claimed.id, sessionVersion: claimed.sessionVersion } : null;
  }
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { id: newId(), email, name: options.name.slice(0, 100) || email },
      select: { id: true, sessionVersion: true },
    });
    await recordActivity({
      tx,
      action: "user.signed_up",
      actorId: user.id,
      target: { type: "user", id: user.id },
      data: { via: "oauth" },
    });
    return user;
  });
}
