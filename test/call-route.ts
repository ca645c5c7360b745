import path from "node:path";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * Calls a route handler in-process the way Next.js does: `file` is the route's
 * path under app/ (e.g. "api/workspaces/[workspaceId]/route.ts").
 */
export async function callRoute(options: {
  file: string;
  method: string;
  params?: Record<string, string>;
  cookie?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  search?: string;
  /** Aborts the request (a long-lived response such as an event stream ends with it). */
  signal?: AbortSignal;
}): Promise<Response> {
  const mod = (await import(/* @vite-ignore */ path.resolve(__dirname, "..", "app", options.file))) as Record<
    string,
    Handler
  >;
  const handler = mod[options.method];
  if (!handler) throw new Error(`${options.file} has no ${options.method}`);
  const urlPath = options.file
    .replace(/\/route\.ts$/, "")
    .replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => options.params?.[name] ?? name);
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("cookie", options.cookie);
  if (options.json !== undefined) headers.set("content-type", "application/json");
  const req = new Request(`http://localhost:3000/${urlPath}${options.search ?? ""}`, {
    method: options.method,
    headers,
    body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    signal: options.signal,
  });
  return handler(req, { params: Promise.resolve(options.params ?? {}) });
}
