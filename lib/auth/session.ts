import "server-only";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { sessionCookieName } from "@/lib/auth/secret";
import { decodeSessionToken, type SessionClaims } from "@/lib/auth/session-token";

/** The signed-in user, as read from the database on every request. */
export type SessionUser = { id: string; email: string; name: string };

export type CookieGetter = (name: string) => string | undefined;

/** Joins next-auth's session cookie, which it splits into `.0`, `.1`… chunks when large. */
function readSessionCookie(get: CookieGetter): string | undefined {
  const name = sessionCookieName();
  const whole = get(name);
  if (whole) return whole;
  let joined = "";
  for (let i = 0; ; i++) {
    const chunk = get(`${name}.${i}`);
    if (!chunk) break;
    joined += chunk;
  }
  return joined || undefined;
}

/** The claims of a valid session cookie, or null when there is none or it does not decrypt, has expired or lacks them. */
export async function sessionClaims(get: CookieGetter): Promise<SessionClaims | null> {
  const token = readSessionCookie(get);
  return token ? decodeSessionToken(token) : null;
}

/**
 * The session's user if the session is still live: its Session row exists
 * (signing out deletes it) and has not reached its end, which the caller's
 * query checks, and the token's session version equals the user's current one
 * (bumping it ends every session at once), the user not disabled.
 */
export function liveSessionUser(
  claims: { sv: number },
  user: { id: string; email: string; name: string; sessionVersion: number; disabledAt: Date | null } | null,
): SessionUser | null {
  if (!user || user.disabledAt || user.sessionVersion !== claims.sv) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/** Resolves the session user from the session cookie, checking the session against the database in one query. */
export async function userFromCookies(get: CookieGetter): Promise<SessionUser | null> {
  const claims = await sessionClaims(get);
  if (!claims) return null;
  const user = await db.user.findFirst({
    where: { id: claims.sub, sessions: { some: { id: claims.sid, expiresAt: { gt: new Date() } } } },
    select: { id: true, email: true, name: true, sessionVersion: true, disabledAt: true },
  });
  return liveSessionUser(claims, user);
}

/** Parses a Cookie header into a getter. */
export function cookieHeaderGetter(header: string | null): CookieGetter {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      jar.set(name, decodeURIComponent(value));
    } catch {
      jar.set(name, value);
    }
  }
  return (name) => jar.get(name);
}

/** The session user of the current server-component request, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  return userFromCookies((name) => jar.get(name)?.value);
}

/** The session user of the current request; throws 401 when signed out. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  return user;
}
