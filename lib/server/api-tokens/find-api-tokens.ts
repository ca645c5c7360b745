import "server-only";
import { db } from "@/lib/db";
import { apiTokenSelect, type ApiTokenView } from "@/lib/server/api-tokens/api-token-select";

/**
 * The user's own API tokens, newest first: of one workspace, or of every
 * workspace that still exists. Revoked ones are listed for a week after.
 */
export async function findApiTokens(options: { userId: string; workspaceId?: string }): Promise<ApiTokenView[]> {
  const weekAgo = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
  return db.apiToken.findMany({
    where: {
      createdById: options.userId,
      ...(options.workspaceId ? { workspaceId: options.workspaceId } : {}),
      workspace: { deletedAt: null },
      OR: [{ revokedAt: null }, { revokedAt: { gt: weekAgo } }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: apiTokenSelect,
  });
}
