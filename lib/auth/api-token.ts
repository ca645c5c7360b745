import "server-only";
import { createHash } from "node:crypto";
import { preparedQuery } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Membership } from "@/lib/auth/access";
import { can, type Permission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { AppError, notFound } from "@/lib/errors";
import type { ApiTokenScope, Role } from "@/lib/generated/prisma/enums";

/** Every personal API token starts with this, so that secret scanners and people recognize one. */
export const API_TOKEN_PREFIX = "mrg_";

/** How stale `lastUsedAt` may get: it is written at most once per this many milliseconds and token. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** The token a request used, once checked. */
export type ApiTokenUse = { id: string; workspaceId: string; scope: ApiTokenScope };

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * The token of an `Authorization: Bearer …` header; null when the request
 * carries no bearer credentials (it may still have a session cookie).
 */
export function bearerToken(authorization: string | null): string | null {
  if (!authorization) return null;
  const match = /^Bearer(?:\s+(.*))?$/i.exec(authorization.trim());
  if (!match) return null;
  return (match[1] ?? "").trim();
}

/** Whether a request of this method only reads (a READ token may make it). */
export function isReadMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

type Row = {
  id: string;
  workspaceId: string;
  scope: ApiTokenScope;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  userId: string;
  email: string;
  name: string;
  disabledAt: Date | null;
  role: Role | null;
};

const unauthenticated = () => new AppError("UNAUTHENTICATED", "The API token is invalid or has been revoked.");

/**
 * The token's user, if the token exists, is not revoked and its user is not
 * disabled (401 otherwise). Read from the database on every request, so that
 * a revocation counts at once. `role` is the user's role in the token's own
 * workspace, null when they are no longer a member of it (or it was deleted).
 */
export async function authenticateApiToken(
  token: string,
): Promise<{ token: ApiTokenUse; user: SessionUser; role: Role | null }> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) throw unauthenticated();
  const [row] = await preparedQuery<Row>(
    "api-token-member",
    Prisma.sql`
    SELECT t."id", t."workspaceId", t."scope"::text AS "scope", t."revokedAt", t."lastUsedAt",
      u."id" AS "userId", u."email", u."name", u."disabledAt", m."role"::text AS "role"
    FROM "ApiToken" t
    JOIN "User" u ON u."id" = t."createdById"
    LEFT JOIN ("Membership" m JOIN "Workspace" w ON w."id" = m."workspaceId" AND w."deletedAt" IS NULL)
      ON m."userId" = u."id" AND m."workspaceId" = t."workspaceId"
    WHERE t."tokenHash" = ${hashApiToken(token)}`,
  );
  if (!row || row.revokedAt || row.disabledAt) throw unauthenticated();
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    // At most once a minute per token; a lost update only makes "last used" a minute staler.
    await preparedQuery(
      "api-token-used",
      Prisma.sql`UPDATE "ApiToken" SET "lastUsedAt" = ${new Date()} WHERE "id" = ${row.id}`,
    ).catch(() => undefined);
  }
  return {
    token: { id: row.id, workspaceId: row.workspaceId, scope: row.scope },
    user: { id: row.userId, email: row.email, name: row.name },
    role: row.role,
  };
}

/**
 * What a workspace route asks of a token (after authenticateApiToken): the
 * token's own workspace (404 for any other, as for non-members), its user
 * still a member there (404), a READ_WRITE token for anything but reading
 * (403), and a role allowed `permission` (403).
 */
export function requireTokenAccess(
  auth: { token: ApiTokenUse; user: SessionUser; role: Role | null },
  workspaceId: string,
  permission: Permission,
  method: string,
): { user: SessionUser; membership: Membership } {
  if (auth.token.workspaceId !== workspaceId || !auth.role) throw notFound("Workspace");
  if (auth.token.scope !== "READ_WRITE" && !isReadMethod(method)) {
    throw new AppError("FORBIDDEN", "This API token may only read.");
  }
  if (!can(auth.role, permission)) throw new AppError("FORBIDDEN", "Your role in this workspace does not allow that.");
  return { user: auth.user, membership: { workspaceId, userId: auth.user.id, role: auth.role } };
}
