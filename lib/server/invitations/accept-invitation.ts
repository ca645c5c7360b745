import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { hashInvitationToken } from "@/lib/server/invitations/invitation-token";

const unusable = () =>
  new AppError(
    "NOT_FOUND",
    "This invitation link is not valid. It may have expired, been revoked or been used already.",
  );

/** Describes an invitation by its secret, for the page that offers to accept it. */
export async function peekInvitation(options: {
  token: string;
}): Promise<{ workspaceName: string; role: Role; expiresAt: Date } | null> {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(options.token) },
    select: {
      role: true,
      expiresAt: true,
      revokedAt: true,
      acceptedAt: true,
      workspace: { select: { name: true, deletedAt: true } },
    },
  });
  if (
    !invitation ||
    invitation.revokedAt ||
    invitation.acceptedAt ||
    invitation.expiresAt <= new Date() ||
    invitation.workspace.deletedAt
  ) {
    return null;
  }
  return { workspaceName: invitation.workspace.name, role: invitation.role, expiresAt: invitation.expiresAt };
}

/**
 * Joins the user to the invitation's workspace with its role and uses the link
 * up. A user who is already a member keeps their role and the link stays open.
 */
export async function acceptInvitation(options: {
  token: string;
  userId: string;
}): Promise<{ workspaceId: string; role: Role }> {
  const tokenHash = hashInvitationToken(options.token);
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash },
      select: {
        id: true,
        workspaceId: true,
        role: true,
        expiresAt: true,
        revokedAt: true,
        acceptedAt: true,
        workspace: { select: { deletedAt: true } },
      },
    });
    if (
      !invitation ||
      invitation.revokedAt ||
      invitation.acceptedAt ||
      invitation.expiresAt <= new Date() ||
      invitation.workspace.deletedAt
    ) {
      throw unusable();
    }
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: options.userId } },
      select: { role: true },
    });
    if (existing) return { workspaceId: invitation.workspaceId, role: existing.role };
    // Claim the link atomically: of two simultaneous accepts only one updates the row.
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date(), acceptedById: options.userId },
    });
    if (count === 0) throw unusable();
    await tx.membership.create({
      data: { id: newId(), workspaceId: invitation.workspaceId, userId: options.userId, role: invitation.role },
    });
    await recordActivity({
      tx,
      action: "member.joined",
      actorId: options.userId,
      workspaceId: invitation.workspaceId,
      target: { type: "user", id: options.userId },
      data: { role: invitation.role, invitationId: invitation.id },
    });
    return { workspaceId: invitation.workspaceId, role: invitation.role };
  });
}
