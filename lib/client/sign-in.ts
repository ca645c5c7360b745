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

/** The request header in which `proxy.ts` hands a page the path and query the browser asked for. */
export const RETURN_TO_HEADER = "x-marginalia-return-to";

const BASE = "http://marginalia.invalid";

/**
 * What may be returned to after sign-in: a path of this site with its whole
 * query and fragment (`/w/1/articles/2?annotation=3`), or `/`. Anything that
 * a browser would take to another origin (`//evil.example`, `/\evil.example`,
 * `https://evil.example`) is refused; an absolute URL of `origin` itself
 * becomes its path.
 */
export function safeCallbackUrl(raw: string | null | undefined, origin?: string): string {
  if (!raw) return "/";
  let value = raw;
  if (origin && !value.startsWith("/")) {
    try {
      const url = new URL(value);
      if (url.origin !== new URL(origin).origin) return "/";
      value = url.pathname + url.search + url.hash;
    } catch {
      return "/";
    }
  }
  // Browsers read a backslash as a slash, and drop tabs and newlines, in URLs.
  if (!value.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  return url.origin === BASE ? url.pathname + url.search + url.hash : "/";
}
