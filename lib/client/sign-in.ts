/** The outcome of a credentials sign-in against next-auth. */
export type SignInResult = { ok: true } | { ok: false; message: string };

/**
 * Signs in with email and password through next-auth's credentials callback.
 * Done by hand rather than with next-auth/react's signIn() because that one
 * cannot surface our 429 rate-limit answer.
 */
export async function signInWithPassword(email: string, password: string, callbackUrl: string): Promise<SignInResult> {
  try {
    const csrf = await fetch("/api/auth/csrf").then((r) => r.json() as Promise<{ csrfToken: string }>);
    const res = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, callbackUrl, json: "true" }),
    });
    if (res.status === 429) {
      const body = await res.json().catch(() => null);
      return { ok: false, message: body?.error?.message ?? "Too many failed sign-ins. Try again later." };
    }
    const body = (await res.json().catch(() => null)) as { url?: string } | null;
    const error = body?.url ? new URL(body.url, window.location.href).searchParams.get("error") : "unknown";
    if (!res.ok || error) return { ok: false, message: "Wrong email or password." };
    return { ok: true };
  } catch {
    return { ok: false, message: "Could not reach the server. Check your connection and try again." };
  }
}

/** Only same-site paths may be returned to after sign-in. */
export function safeCallbackUrl(raw: string | null | undefined): string {
  return raw && raw.startsWith("/") && !raw.startsWith("//") ? raw : "/";
}
