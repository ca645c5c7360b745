// GET|POST /api/auth/* — next-auth (sign-in, sign-out, session, CSRF), with failed-sign-in rate limiting and server-side sign-out
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { assertSignInAllowed, clientIp } from "@/lib/auth/rate-limit";
import { cookieHeaderGetter, sessionClaims } from "@/lib/auth/session";
import { withAuth } from "@/lib/auth/with-auth";
import { endSession } from "@/lib/server/sessions/end-session";

type NextAuthRouteHandler = (req: Request, ctx: unknown) => Promise<Response>;

let nextAuthHandler: NextAuthRouteHandler | undefined;
function nextAuth(): NextAuthRouteHandler {
  nextAuthHandler ??= NextAuth(authOptions()) as NextAuthRouteHandler;
  return nextAuthHandler;
}

/**
 * The email of a credentials sign-in, read from the body exactly as next-auth
 * reads it (`getBody` in next-auth/next): JSON when the content type contains
 * `application/json`, form fields when it contains
 * `application/x-www-form-urlencoded`, nothing otherwise.
 */
async function postedEmail(req: Request): Promise<string> {
  const type = req.headers.get("content-type") ?? "";
  let body: unknown;
  try {
    if (type.includes("application/json")) body = await req.clone().json();
    else if (type.includes("application/x-www-form-urlencoded")) {
      body = Object.fromEntries(new URLSearchParams(await req.clone().text()));
    }
  } catch {
    body = undefined;
  }
  const email = body && typeof body === "object" ? (body as Record<string, unknown>).email : undefined;
  return typeof email === "string" ? email.trim().toLowerCase() : "";
}

export const GET = withAuth(({ req, routeContext }) => nextAuth()(req, routeContext), { public: true });

export const POST = withAuth(
  async ({ req, routeContext }) => {
    const path = new URL(req.url).pathname;
    if (path.endsWith("/callback/credentials")) {
      await assertSignInAllowed(await postedEmail(req), clientIp(req.headers));
    }
    if (path.endsWith("/signout")) {
      // next-auth only clears the cookie; the session itself ends here, before it answers.
      const claims = await sessionClaims(cookieHeaderGetter(req.headers.get("cookie")));
      if (claims) await endSession({ userId: claims.sub, sessionId: claims.sid });
    }
    return nextAuth()(req, routeContext);
  },
  { public: true },
);
