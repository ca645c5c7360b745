/** The secret that encrypts session JWTs; `npm start` always provides one. */
export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set. Start the app with `npm start`, which provides one.");
  return secret;
}

/** next-auth's session cookie name: `__Secure-` prefixed when served over https. */
export function sessionCookieName(): string {
  return process.env.NEXTAUTH_URL?.startsWith("https://")
    ? "__Secure-next-auth.session-token"
    : "next-auth.session-token";
}
