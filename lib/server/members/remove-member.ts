import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { publishLive } from "@/lib/server/live/publish-live";
import { assertNotLastOwner } from "@/lib/server/members/update-member-role";

/**
 * Removes a member (or lets a member leave when actorId === userId). The last
 * owner can neither leave nor be removed. Their work stays in the workspace.
 */
export async function removeMember(options: { workspaceId: string; actorId: string; userId: string }): Promise<void> {
  const leaving = options.actorId === options.userId;
  await db.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: options.workspaceId, userId: options.userId } },
      select: { id: true, role: true, user: { select: { name: true } } },
    });
    if (!membership) throw notFound("Member");
    if (membership.role === "OWNER") {
      await assertNotLastOwner(
        tx,
        options.workspaceId,
        options.userId,
        leaving
          ? "You are the last owner. Make someone else an owner before you leave."
          : "A workspace needs at least one owner.",
      );
    }
    await tx.membership.delete({ where: { id: membership.id } });
    // Their API tokens for the workspace end with the membership (and do not come back if they rejoin).
    await tx.apiToken.updateMany({
      where: { workspaceId: options.workspaceId, createdById: options.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await recordActivity({
      tx,
      action: leaving ? "member.left" : "member.removed",
      actorId: options.actorId,
      workspaceId: options.workspaceId,
      target: { type: "user", id: options.userId },
      data: { name: membership.user.name, role: membership.role },
    });
    // Their open streams check the membership again (and end if it is gone).
    await publishLive(tx, [
      { type: "member.changed", workspaceId: options.workspaceId, data: { userId: options.userId } },
    ]);
  });
}
