import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { apiTokenSelect, type ApiTokenView } from "@/lib/server/api-tokens/api-token-select";

/**
 * Revokes one of the user's own tokens (404 for anyone else's). Requests with
 * it answer 401 from the next one on: tokens are checked on every request.
 * Revoking a revoked token changes nothing.
 */
export async function revokeApiToken(options: { userId: string; tokenId: string }): Promise<ApiTokenView> {
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: options.tokenId, createdById: options.userId },
      select: { id: true, revokedAt: true },
    });
    if (!token) throw notFound("API token");
    if (token.revokedAt) return tx.apiToken.findUniqueOrThrow({ where: { id: token.id }, select: apiTokenSelect });
    const revoked = await tx.apiToken.update({
      where: { id: token.id },
      data: { revokedAt: new Date() },
      select: apiTokenSelect,
    });
    await recordActivity({
      tx,
      action: "api_token.revoked",
      actorId: options.userId,
      workspaceId: revoked.workspace.id,
      target: { type: "api_token", id: revoked.id },
      data: { name: revoked.name },
    });
    return revoked;
  });
}
