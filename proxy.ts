// Every page request: passes the path and query the browser asked for to the page, so a signed-out
// visitor's sign-in returns exactly there (lib/auth/page.ts). It only annotates; authorization stays in lib/auth.
import { NextResponse, type NextRequest } from "next/server";
import { RETURN_TO_HEADER } from "@/lib/client/sign-in";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  // A client-side navigation's React Server Components request carries `_rsc`: not part of the page's address.
  const search = new URLSearchParams(request.nextUrl.search);
  search.delete("_rsc");
  const query = search.toString();
  headers.set(RETURN_TO_HEADER, request.nextUrl.pathname + (query ? `?${query}` : ""));
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not the API, Next.js's own files or static assets.
  matcher: ["/((?!api/|_next/|favicon\\.ico|.*\\.[a-z0-9]+$).*)"],
};
