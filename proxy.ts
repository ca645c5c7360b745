// Every page request: passes the path and query the browser asked for to the page, so a signed-out
// visitor's sign-in returns exactly there (lib/auth/page.ts). It only annotates; authorization stays in lib/auth.
import { NextResponse, type NextRequest } from "next/server";
import { RETURN_TO_HEADER } from "@/lib/client/sign-in";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(RETURN_TO_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not the API, Next.js's own files or static assets.
  matcher: ["/((?!api/|_next/|favicon\\.ico|.*\\.[a-z0-9]+$).*)"],
};
