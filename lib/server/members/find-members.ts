import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type Member = { userId: string; name: string; email: string; role: Role; joinedAt: Date };

/** Returns the members of a workspace, owners first, then by name. */
export async function findMembers(options: { workspaceId: string }): Promise<Member[]> {
  const rows = await db.membership.findMany({
    where: { workspaceId: options.workspaceId },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ role: "asc" }, { user: { name: "asc" } }],
  });
  return rows.map((m) => ({
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    joinedAt: m.createdAt,
  }));
}
