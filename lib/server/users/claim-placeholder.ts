import "server-only";
import type { Tx } from "@/lib/db";
import { recordActivity } from "@/lib/server/activity/record-activity";

/**
 * When `email` belongs to a placeholder account (made by a workspace archive import for
 * someone with no account here: disabled, no password), turns it into this person's
 * account, so that the annotations and comments the archive recorded under their name stay
 * theirs. The placeholder's memberships are removed: an email address is not proof of who
 * signs up, so workspace access comes only from an owner's invitation. Returns the claimed
 * user, or null when the email is not a placeholder's.
 */
export async function claimPlaceholder(options: {
  tx: Tx;
  email: string;
  name: string;
  passwordHash: string | null;
  via: "password" | "oauth";
}): Promise<{ id: string; email: string; name: string; sessionVersion: number } | null> {
  const { tx } = options;
  const existing = await tx.user.findUnique({
    where: { email: options.email },
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  if (!existing || existing.passwordHash || !existing.disabledAt) return null;
  const marker = await tx.activityEvent.findFirst({
    where: { actorId: existing.id, action: "user.placeholder_created" },
    select: { id: true },
  });
  if (!marker) return null;
  const memberships = await tx.membership.findMany({
    where: { userId: existing.id },
    select: { workspaceId: true, role: true },
  });
  await tx.membership.deleteMany({ where: { userId: existing.id } });
  for (const m of memberships) {
    await recordActivity({
      tx,
      action: "member.removed",
      actorId: existing.id,
      workspaceId: m.workspaceId,
      target: { type: "user", id: existing.id },
      data: { name: options.name, role: m.role, placeholderClaimed: true },
    });
  }
  const user = await tx.user.update({
    where: { id: existing.id },
    data: {
      name: options.name,
      passwordHash: options.passwordHash,
      disabledAt: null,
      sessionVersion: { increment: 1 },
    },
    select: { id: true, email: true, name: true, sessionVersion: true },
  });
  await recordActivity({
    tx,
    action: "user.signed_up",
    actorId: user.id,
    target: { type: "user", id: user.id },
    data: { via: options.via, claimedPlaceholder: true },
  });
  return user;
}
