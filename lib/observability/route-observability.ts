import "server-only";
import { toErrorResponse } from "@/lib/errors";
import { logger } from "@/lib/observability/logger.mjs";

/**
 * The error's answer; a 5xx is logged, a 500 with its stack, under the request id its body carries.
 */
export function errorResponse(err: unknown, requestId: string): Response {
  const res = toErrorResponse(err, { requestId });
  if (res.status === 500) logger().error({ err, requestId }, "unexpected error");
  else if (res.status === 503) logger().warn({ err, requestId }, "database unavailable");
  return res;
}

/**
 * The route's template, e.g. `/api/workspaces/[workspaceId]/annotations`: the path with each
 * parameter's value put back as its name (for logs and metrics labels; never the values).
 */
export function routeTemplate(req: Request, params: Record<string, string>): string {
  const segments = new URL(req.url).pathname.split("/");
  for (const [name, value] of Object.entries(params)) {
    if (!value) continue;
    const parts = value.split("/").map(encodeURIComponent);
    const at = segments.findIndex((_, i) => parts.every((part, j) => segments[i + j] === part));
    if (at >= 0) segments.splice(at, parts.length, parts.length > 1 ? `[...${name}]` : `[${name}]`);
  }
  return segments.join("/");
}

/** Echoes the request id on the answer. */
export function withRequestId(res: Response, requestId: string): Response {
  try {
    res.headers.set("x-request-id", requestId);
  } catch {
    // Immutable headers (a redirect).
  }
  return res;
}
