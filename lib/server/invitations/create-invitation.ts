import "server-only";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { newInvitationToken } from "@/lib/server/invitations/invitation-token";

/**
 * Creates a single-use invitation link. The returned token is the link's only
 * secret: only its hash is stored, so it can be shown exactly once.
 */
export async function createInvitation(options: {
  workspaceId: string;
  actorId: string;
  role: Role;
  expiresInDays: number;
}): Promise<{ id: string; token: string; role: Role; expiresAt: Date }> {
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(Date.now() + options.expiresInDays * 24 * 60 * 60 * 1000);
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.create({
      data: {
        id: newId(),
        workspaceId: options.workspaceId,
        tokenHash,
        role: options.role,
        createdById: options.actorId,
        expiresAt,
      },
      select: { id: true, role: true, expiresAt: true },
    });
    await recordActivity({
      tx,
      action: "member.invited",
      actorId: options.actorId,
      workspaceId: options.workspaceId,
      target: { type: "invitation", id: invitation.id },
      data: { role: invitation.role, expiresAt: invitation.expiresAt.toISOString() },
    });
    return { ...invitation, token };
  });
}
