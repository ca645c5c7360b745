import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { recordActivity } from "@/lib/server/activity/record-activity";

/** Revokes an open invitation of the workspace; its link stops working at once. */
export async function revokeInvitation(options: {
  workspaceId: string;
  actorId: string;
  invitationId: string;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: options.invitationId, workspaceId: options.workspaceId, revokedAt: null, acceptedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("Invitation");
    await recordActivity({
      tx,
      action: "member.invitation_revoked",
      actorId: options.actorId,
      workspaceId: options.workspaceId,
      target: { type: "invitation", id: options.invitationId },
    });
  });
}
