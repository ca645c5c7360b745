import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

export type Membership = { workspaceId: string; userId: string; role: Role };

/** The user's membership of a live workspace, or null (callers answer 404, never 403). */
export async function findMembership(userId: string, workspaceId: string): Promise<Membership | null> {
  return db.membership.findFirst({
    where: { userId, workspaceId, workspace: { deletedAt: null } },
    select: { workspaceId: true, userId: true, role: true },
  });
}

/** Articles of a workspace that are not deleted. Every article query starts here. */
export function articleAccessWhere(options: {
  workspaceId: string;
  includeDeleted?: boolean;
}): Prisma.ArticleWhereInput {
  return {
    workspaceId: options.workspaceId,
    ...(options.includeDeleted ? {} : { deletedAt: null }),
  };
}
