import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type WorkspaceSummary = { id: string; name: string; role: Role; memberCount: number; articleCount: number };

/** Returns the live workspaces the user belongs to, by name (only `workspaceId`, for an API token of it). */
export async function findWorkspaces(options: { userId: string; workspaceId?: string }): Promise<WorkspaceSummary[]> {
  const memberships = await db.membership.findMany({
    where: {
      userId: options.userId,
      workspace: { deletedAt: null },
      ...(options.workspaceId ? { workspaceId: options.workspaceId } : {}),
    },
    select: {
      role: true,
      workspace: {
        select: {
          id: true,
          name: true,
          _count: { select: { memberships: true, articles: { where: { deletedAt: null } } } },
        },
      },
    },
    orderBy: { workspace: { name: "asc" } },
  });
  return memberships.map(({ role, workspace }) => ({
    id: workspace.id,
    name: workspace.name,
    role,
    memberCount: workspace._count.memberships,
    articleCount: workspace._count.articles,
  }));
}
