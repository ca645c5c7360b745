import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type InvitationSummary = { id: string; role: Role; createdBy: string; createdAt: Date; expiresAt: Date };

/** Returns the workspace's invitations that can still be used. */
export async function findOpenInvitations(options: { workspaceId: string }): Promise<InvitationSummary[]> {
  const rows = await db.invitation.findMany({
    where: { workspaceId: options.workspaceId, revokedAt: null, acceptedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, role: true, createdAt: true, expiresAt: true, createdBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    createdBy: r.createdBy.name,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
  }));
}
