// Every page request:
// - passes the path and query the browser asked for to the page, so a signed-out visitor's
//   sign-in returns exactly there (lib/auth/page.ts);
// - sets a Content-Security-Policy with a fresh nonce (lib/content-security-policy.ts), except on
//   prefetches, as Next.js's CSP guide does. Next.js reads the policy from the request headers
//   and puts the nonce on the scripts it renders.
// It only annotates; authorization stays in lib/auth.
import { NextResponse, type NextRequest } from "next/server";
import { RETURN_TO_HEADER } from "@/lib/client/sign-in";
import { contentSecurityPolicy, newNonce } from "@/lib/content-security-policy";

export function proxy(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  // A client-side navigation's React Server Components request carries `_rsc`: not part of the page's address.
  const search = new URLSearchParams(request.nextUrl.search);
  search.delete("_rsc");
  const query = search.toString();
  headers.set(RETURN_TO_HEADER, request.nextUrl.pathname + (query ? `?${query}` : ""));

  const prefetch = request.headers.has("next-router-prefetch") || request.headers.get("purpose") === "prefetch";
  if (prefetch) return NextResponse.next({ request: { headers } });
  const policy = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development" });
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: not the API (JSON, no scripts), Next.js's own files or static assets.
  matcher: ["/((?!api/|_next/|favicon\\.ico|.*\\.[a-z0-9]+$).*)"],
};
