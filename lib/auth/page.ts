import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { findMembership, type Membership } from "@/lib/auth/access";
import { can, type Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { RETURN_TO_HEADER, safeCallbackUrl } from "@/lib/client/sign-in";

/**
 * For pages: the signed-in user, or a redirect to sign-in that returns to the
 * page asked for, with its whole query (`proxy.ts` passes it on); `returnTo`
 * when that is not known.
 */
export async function requirePageUser(returnTo?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) {
    const asked = (await headers()).get(RETURN_TO_HEADER);
    const target = asked ? safeCallbackUrl(asked) : (returnTo ?? "/");
    redirect(target !== "/" ? `/signin?callbackUrl=${encodeURIComponent(target)}` : "/signin");
  }
  return user;
}

/**
 * For workspace pages: the user and their membership. Non-members get the
 * 404 page (never a hint that the workspace exists); a missing permission too.
 */
export async function requireWorkspacePage(
  workspaceId: string,
  options: { returnTo?: string; permission?: Permission } = {},
): Promise<{ user: SessionUser; membership: Membership }> {
  const user = await requirePageUser(options.returnTo);
  const membership = await findMembership(user.id, workspaceId);
  if (!membership) notFound();
  if (options.permission && !can(membership.role, options.permission)) notFound();
  return { user, membership };
}

/** For pages: awaits a lookup and turns our 404 AppError into Next.js's not-found page. */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
