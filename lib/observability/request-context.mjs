// What the web server knows about the request being served, readable anywhere below it (withAuth
// fills in the route, user and workspace; the error mapper reads the request id). One
// AsyncLocalStorage on globalThis, shared by scripts/server.mjs and the code Next.js bundles.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

const KEY = Symbol.for("marginalia.requestContext");

/** @returns {AsyncLocalStorage<import("./request-context.d.mts").RequestContext>} */
function storage() {
  globalThis[KEY] ??= new AsyncLocalStorage();
  return globalThis[KEY];
}

/** Runs `fn` with `context` as the current request's. */
export function runWithRequestContext(context, fn) {
  return storage().run(context, fn);
}

/** The current request's context, or undefined outside a request (or in-process tests). */
export function requestContext() {
  return storage().getStore();
}

/** Ids a client may choose: up to 128 visible ASCII letters, digits and `-_.:` (anything else is replaced). */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The incoming `x-request-id` when it is a sane id, else a new UUID. */
export function requestIdFrom(header) {
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === "string" && ACCEPTED_ID.test(value) ? value : randomUUID();
}
