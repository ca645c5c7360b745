// Every request through the web server (scripts/server.mjs), once: its request id (the client's
// `x-request-id` when sane, else a new one; set on the request for the app and echoed on the
// response), one structured log line when it ends and the request metrics. The route template,
// user and workspace come from withAuth through the request's context (request-context.mjs); never
// the query string, headers or bodies (which may hold tokens, passwords or article text).
import { logger } from "./logger.mjs";
import { recordRequest } from "./metrics.mjs";
import { attachRequestContext, requestIdFrom } from "./request-context.mjs";

/** A path segment that names one row (ids, numbers, invitation tokens) rather than a route. */
const ID_SEGMENT = /^(?:[a-z][a-z0-9]{19,}|[0-9a-f-]{32,36}|\d+|[A-Za-z0-9_-]{32,})$/;

/**
 * The route template of a path that no route handler described (pages, static files): ids become
 * `[id]` and Next.js's static assets one template, so the metrics' label values stay few.
 * @param {string} pathname
 */
export function routeTemplateOf(pathname) {
  if (pathname.startsWith("/_next/static/")) return "/_next/static/[file]";
  if (pathname.startsWith("/_next/image")) return "/_next/image";
  return pathname
    .split("/")
    .map((segment) => (ID_SEGMENT.test(segment) ? "[id]" : segment))
    .join("/");
}

/**
 * Wraps a Node request handler with request ids, logs and metrics.
 * @param {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => unknown} handler
 * @param {{ log?: import("pino").Logger }} [options]
 */
export function observeRequests(handler, options = {}) {
  return (req, res) => {
    const log = options.log ?? logger();
    const startedAt = process.hrtime.bigint();
    const context = { requestId: requestIdFrom(req.headers["x-request-id"]) };
    req.headers["x-request-id"] = context.requestId;
    res.setHeader("x-request-id", context.requestId);
    const detach = attachRequestContext(req, context);
    res.once("close", () => {
      detach();
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const pathname = (req.url ?? "/").split("?")[0];
      const status = res.statusCode;
      // A path no route matched (a scanner's guesses) would make a new metrics label each time.
      const route = context.route ?? (status === 404 ? "[not found]" : routeTemplateOf(pathname));
      const aborted = !res.writableFinished;
      recordRequest({ method: req.method ?? "GET", route, status, seconds });
      const line = {
        requestId: context.requestId,
        method: req.method,
        route,
        status,
        durationMs: Math.round(seconds * 1e4) / 10,
        userId: context.userId,
        workspaceId: context.workspaceId,
        ...(aborted ? { aborted: true } : {}),
      };
      if (status >= 500) log.error(line, "request failed");
      else log.info(line, "request");
    });
    return handler(req, res);
  };
}
