import "server-only";
import type { Membership } from "@/lib/auth/access";
import { permissions, type Permission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { requireMember } from "@/lib/auth/session-member";
import type { SessionClaims } from "@/lib/auth/session-token";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * For a route whose one write statement also checks the session and the
 * membership (withAuth's `checkedByWrite`), so that a request costs one
 * database round trip instead of two: the check for that statement to
 * include, and the ordinary check for when it wrote nothing.
 */
export type WriteAccess = {
  /**
   * A query of the session's user ("id", "name") when the session is live and
   * the user a member of the live workspace in a role allowed the permission
   * (requireMember's rule); no row otherwise. The statement writes only for a
   * row of it, and must call confirm() when it did.
   */
  readonly member: Prisma.Sql;
  /** Whether the session and membership have been checked, by confirm() or require(). */
  readonly checked: boolean;
  /** Records that a statement which joined `member` has written. */
  confirm(): void;
  /** The ordinary check, in a query of its own: throws 401, 404 or 403 as withAuth would, else returns what it found. */
  require(): Promise<{ user: SessionUser; membership: Membership }>;
};

export function createWriteAccess(claims: SessionClaims, workspaceId: string, permission: Permission): WriteAccess {
  let checked = false;
  return {
    member: Prisma.sql`
      SELECT u."id", u."name" FROM "User" u
      JOIN "Membership" m ON m."userId" = u."id" AND m."workspaceId" = ${workspaceId}
      JOIN "Workspace" w ON w."id" = m."workspaceId" AND w."deletedAt" IS NULL
      WHERE u."id" = ${claims.sub} AND u."sessionVersion" = ${claims.sv} AND u."disabledAt" IS NULL
        AND EXISTS (SELECT 1 FROM "Session" s WHERE s."id" = ${claims.sid} AND s."userId" = u."id" AND s."expiresAt" > now())
        AND m."role"::text = ANY(${permissions[permission]}::text[])`,
    get checked() {
      return checked;
    },
    confirm() {
      checked = true;
    },
    async require() {
      const member = await requireMember(claims, workspaceId, permission);
      checked = true;
      return member;
    },
  };
}

/**
 * The WriteAccess of a request made with an API token, which withAuth has
 * already checked in full (requireTokenAccess): the statement still joins the
 * membership, role and the token's being unrevoked, so that a removal or a
 * revocation in between writes nothing, and `require()` checks the token again.
 */
export function createTokenWriteAccess(
  checkedMember: { user: SessionUser; membership: Membership },
  tokenId: string,
  permission: Permission,
  recheck: () => Promise<{ user: SessionUser; membership: Membership }>,
): WriteAccess {
  const { user, membership } = checkedMember;
  return {
    member: Prisma.sql`
      SELECT u."id", u."name" FROM "User" u
      JOIN "Membership" m ON m."userId" = u."id" AND m."workspaceId" = ${membership.workspaceId}
      JOIN "Workspace" w ON w."id" = m."workspaceId" AND w."deletedAt" IS NULL
      JOIN "ApiToken" t ON t."id" = ${tokenId} AND t."createdById" = u."id" AND t."revokedAt" IS NULL
      WHERE u."id" = ${user.id} AND u."disabledAt" IS NULL
        AND m."role"::text = ANY(${permissions[permission]}::text[])`,
    checked: true,
    confirm() {},
    require: recheck,
  };
}
