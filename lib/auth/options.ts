import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { clientIp, clearFailedSignIns, isSignInAllowed, recordFailedSignIn } from "@/lib/auth/rate-limit";
import { authSecret } from "@/lib/auth/secret";
import { createSession } from "@/lib/server/sessions/create-session";
import { findOrCreateOAuthUser } from "@/lib/server/users/find-or-create-oauth-user";
import { verifyCredentials } from "@/lib/server/users/verify-credentials";
import { signInSchema } from "@/lib/validations/auth";

const SESSION_MAX_AGE = 30 * 24 * 60 * 60;

/** Optional OAuth/OIDC providers, switched on by their env vars (see README). */
function oauthProviders(): NextAuthOptions["providers"] {
  const providers: NextAuthOptions["providers"] = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET }));
  }
  if (process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET) {
    providers.push({
      id: "oidc",
      name: process.env.OIDC_NAME ?? "Single sign-on",
      type: "oauth",
      wellKnown: `${process.env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: process.env.OIDC_CLIENT_ID,
      clientSecret: process.env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (profile: { sub: string; name?: string; email: string }) => ({
        id: profile.sub,
        name: profile.name ?? profile.email,
        email: profile.email,
      }),
    });
  }
  return providers;
}

/**
 * next-auth configuration: credentials sign-in, JWT sessions carrying a session
 * version and the id of a Session row (`sid`), which sign-out deletes.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const ip = clientIp(req?.headers ?? {});
          // The route answers 429 before next-auth runs; this holds even if its reading of the body ever differs.
          if (!(await isSignInAllowed(email, ip))) return null;
          const user = await verifyCredentials({ email, password });
          if (!user) {
            await recordFailedSignIn(email, ip);
            return null;
          }
          await clearFailedSignIns(email);
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      async jwt({ token, user, account }) {
        if (user && account && account.provider !== "credentials") {
          const linked = user.email
            ? await findOrCreateOAuthUser({ email: user.email, name: user.name ?? user.email })
            : null;
          if (!linked) return { ...token, sub: undefined, sv: undefined, sid: undefined };
          token.sub = linked.id;
          token.sv = linked.sessionVersion;
          token.sid = await createSession({ userId: linked.id, maxAgeSeconds: SESSION_MAX_AGE });
        } else if (user) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          token.sid = await createSession({ userId: user.id, maxAgeSeconds: SESSION_MAX_AGE });
        }
        return token;
      },
      async session({ session, token }) {
        // Only identity travels to the client; roles are read from the database per request.
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
