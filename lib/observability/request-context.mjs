// What the web server knows about the request being served: its id, and what withAuth learns of it
// (the route template, user and workspace) for the request's log line and metrics. The server
// (observeRequests) registers the context under a key of its own, in a header it always sets (a
// client's value is overwritten), and the app finds it through the request's headers. The registry
// lives on globalThis, shared by scripts/server.mjs and the code Next.js bundles.
//
// Not an AsyncLocalStorage: one with a store for the whole request tags every promise the request
// makes, about 2 % of the request thread under the API benchmark, to carry what withAuth can be handed.
import { randomUUID } from "node:crypto";

const KEY = Symbol.for("marginalia.requestContexts");

/** The header under which the server passes the request's context key to the app. */
export const REQUEST_CONTEXT_HEADER = "x-marginalia-request-context";

let lastKey = 0;

/** @returns {Map<string, import("./request-context.d.mts").RequestContext>} */
function registry() {
  globalThis[KEY] ??= new Map();
  return globalThis[KEY];
}

/**
 * Makes `context` the context of the Node request `req` until the returned function is called.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("./request-context.d.mts").RequestContext} context
 */
export function attachRequestContext(req, context) {
  const key = String(++lastKey);
  req.headers[REQUEST_CONTEXT_HEADER] = key;
  registry().set(key, context);
  return () => registry().delete(key);
}

/**
 * The context the server attached to the request with these headers, or undefined (a request not
 * served by scripts/server.mjs: in-process tests, `next start`).
 * @param {Headers} headers
 */
export function attachedRequestContext(headers) {
  const key = headers.get(REQUEST_CONTEXT_HEADER);
  return key === null ? undefined : registry().get(key);
}

/** Ids a client may choose: up to 128 visible ASCII letters, digits and `-_.:` (anything else is replaced). */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The incoming `x-request-id` when it is a sane id, else a new UUID. */
export function requestIdFrom(header) {
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === "string" && ACCEPTED_ID.test(value) ? value : randomUUID();
}
