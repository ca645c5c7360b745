// GET|POST /api/auth/* — next-auth (sign-in, sign-out, session, CSRF), with failed-sign-in rate limiting
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { assertSignInAllowed, clientIp } from "@/lib/auth/rate-limit";
import { withAuth } from "@/lib/auth/with-auth";

type NextAuthRouteHandler = (req: Request, ctx: unknown) => Promise<Response>;

let nextAuthHandler: NextAuthRouteHandler | undefined;
function nextAuth(): NextAuthRouteHandler {
  nextAuthHandler ??= NextAuth(authOptions()) as NextAuthRouteHandler;
  return nextAuthHandler;
}

export const GET = withAuth(({ req, routeContext }) => nextAuth()(req, routeContext), { public: true });

export const POST = withAuth(
  async ({ req, routeContext }) => {
    if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
      const form = await req
        .clone()
        .formData()
        .catch(() => null);
      const email = String(form?.get("email") ?? "")
        .trim()
        .toLowerCase();
      await assertSignInAllowed(email, clientIp(req.headers));
    }
    return nextAuth()(req, routeContext);
  },
  { public: true },
);
