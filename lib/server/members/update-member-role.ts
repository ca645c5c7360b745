import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { publishLive } from "@/lib/server/live/publish-live";

/**
 * Locks the workspace's owner memberships and refuses when `userId` is the last
 * owner. The row lock serialises concurrent demotions/removals so two owners
 * cannot both step down at once.
 */
export async function assertNotLastOwner(tx: Tx, workspaceId: string, userId: string, message: string): Promise<void> {
  const owners = await tx.$queryRaw<{ userId: string }[]>`
    SELECT "userId" FROM "Membership" WHERE "workspaceId" = ${workspaceId} AND "role" = 'OWNER' FOR UPDATE`;
  if (owners.length === 1 && owners[0].userId === userId) {
    throw new AppError("CONFLICT", message);
  }
}

/** Changes a member's role; the last owner cannot be demoted. */
export async function updateMemberRole(options: {
  workspaceId: string;
  actorId: string;
  userId: string;
  role: Role;
}): Promise<{ userId: string; role: Role }> {
  return db.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: options.workspaceId, userId: options.userId } },
      select: { id: true, role: true, user: { select: { name: true } } },
    });
    if (!membership) throw notFound("Member");
    if (membership.role === options.role) return { userId: options.userId, role: options.role };
    if (membership.role === "OWNER") {
      await assertNotLastOwner(
        tx,
        options.workspaceId,
        options.userId,
        "A workspace needs at least one owner. Make someone else an owner first.",
      );
    }
    await tx.membership.update({ where: { id: membership.id }, data: { role: options.role } });
    await recordActivity({
      tx,
      action: "member.role_changed",
      actorId: options.actorId,
      workspaceId: options.workspaceId,
      target: { type: "user", id: options.userId },
      data: { name: membership.user.name, from: membership.role, to: options.role },
    });
    // Their open streams check the membership again (and end if it is gone).
    await publishLive(tx, [
      { type: "member.changed", workspaceId: options.workspaceId, data: { userId: options.userId } },
    ]);
    return { userId: options.userId, role: options.role };
  });
}
