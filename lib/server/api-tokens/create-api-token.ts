import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { API_TOKEN_PREFIX, hashApiToken } from "@/lib/auth/api-token";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { apiTokenSelect, type ApiTokenView } from "@/lib/server/api-tokens/api-token-select";
import type { CreateApiTokenInput } from "@/lib/validations/api-token";

/**
 * Creates a personal API token for the actor in the workspace. The returned
 * `token` is its only secret: only its sha256 is stored, so it is shown once.
 */
export async function createApiToken(options: {
  workspaceId: string;
  actorId: string;
  input: CreateApiTokenInput;
}): Promise<ApiTokenView & { token: string }> {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        id: newId(),
        workspaceId: options.workspaceId,
        createdById: options.actorId,
        name: options.input.name,
        scope: options.input.scope,
        tokenHash: hashApiToken(token),
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      },
      select: apiTokenSelect,
    });
    await recordActivity({
      tx,
      action: "api_token.created",
      actorId: options.actorId,
      workspaceId: options.workspaceId,
      target: { type: "api_token", id: created.id },
      data: { name: created.name, scope: created.scope },
    });
    return { ...created, token };
  });
}
