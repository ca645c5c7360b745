import "server-only";
import { preparedQuery } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Membership } from "@/lib/auth/access";
import { can, type Permission } from "@/lib/auth/permissions";
import { liveSessionUser, type SessionUser } from "@/lib/auth/session";
import type { SessionClaims } from "@/lib/auth/session-token";
import { AppError, notFound } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

type Row = {
  id: string;
  email: string;
  name: string;
  sessionVersion: number;
  disabledAt: Date | null;
  role: Role | null;
};

/**
 * The session user and their membership of the live workspace, for a role
 * that may do `permission`. Otherwise throws what every workspace route
 * answers: 401 when signed out or the session is no longer live (as
 * userFromCookies decides), 404 for non-members and deleted workspaces, 403
 * for a role without the permission. One query instead of two, since every
 * API call of a workspace pays for it.
 */
export async function requireMember(
  claims: SessionClaims | null,
  workspaceId: string,
  permission: Permission,
): Promise<{ user: SessionUser; membership: Membership }> {
  if (!claims) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  const [row] = await preparedQuery<Row>(
    "session-member",
    Prisma.sql`
    SELECT u."id", u."email", u."name", u."sessionVersion", u."disabledAt", m."role"
    FROM "User" u
    LEFT JOIN ("Membership" m JOIN "Workspace" w ON w."id" = m."workspaceId" AND w."deletedAt" IS NULL)
      ON m."userId" = u."id" AND m."workspaceId" = ${workspaceId}
    WHERE u."id" = ${claims.sub}
      AND EXISTS (SELECT 1 FROM "Session" s WHERE s."id" = ${claims.sid} AND s."userId" = u."id" AND s."expiresAt" > now())`,
  );
  const user = liveSessionUser(claims, row ?? null);
  if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  if (!row.role) throw notFound("Workspace");
  if (!can(row.role, permission)) throw new AppError("FORBIDDEN", "Your role in this workspace does not allow that.");
  return { user, membership: { workspaceId, userId: user.id, role: row.role } };
}
