// The web server `npm start` (and `npm run dev`) runs: Next.js behind a plain Node HTTP server,
// so that the app learns the client's address from the socket (see client-address.mjs and
// TRUST_PROXY in the README) instead of from a header the client may have written itself. Every
// request passes here once: request id, structured log line and metrics (lib/observability).
//
// On SIGTERM (or SIGINT, SIGHUP) it stops gracefully: readiness answers 503 at once, and after
// SHUTDOWN_DELAY_MS (0) the server stops accepting connections, tells event streams to reconnect
// elsewhere (`retry:`, then closes them), lets in-flight requests finish for up to 10 s, closes
// the database pool and the live-update listener, and exits 0.
//
//   node scripts/server.mjs [--dev]     PORT (3000), HTTP_KEEP_ALIVE_MS (65000), TRUST_PROXY, LOG_LEVEL
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { observeRequests } from "../lib/observability/http-log.mjs";
import { markStopping, runStopHooks } from "../lib/observability/lifecycle.mjs";
import { logger } from "../lib/observability/logger.mjs";
import { parseTrustProxy, setClientAddressHeader } from "./client-address.mjs";

/** How long in-flight requests may take to finish once the server is asked to stop. */
const DRAIN_MS = 10_000;

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const keepAliveMs = Number(process.env.HTTP_KEEP_ALIVE_MS || 65_000);
const shutdownDelayMs = Number(process.env.SHUTDOWN_DELAY_MS || 0);
const log = logger();

let trust;
try {
  trust = parseTrustProxy(process.env.TRUST_PROXY);
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

process.env.NODE_ENV ??= dev ? "development" : "production";
const { default: next } = await import("next");

const server = http.createServer();
server.keepAliveTimeout = keepAliveMs;
const app = next({ dev, port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();

/** Responses not yet finished, for the drain on stop. */
const inFlight = new Set();
let stopping = false;

server.on(
  "request",
  observeRequests((req, res) => {
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
    // While stopping, no connection is kept for another request.
    if (stopping) res.setHeader("connection", "close");
    setClientAddressHeader(req, trust);
    return handle(req, res);
  }),
);
server.listen(port, () => log.info({ port, dev }, `Listening on port ${port}${dev ? " (development)" : ""}`));

async function stop(signal) {
  if (stopping) return;
  stopping = true;
  markStopping();
  const startedAt = Date.now();
  log.info({ signal, inFlight: inFlight.size }, "Stopping: readiness now answers 503");
  if (shutdownDelayMs > 0) await sleep(shutdownDelayMs);
  // No new connections; keep-alive connections close once their current response is sent.
  server.close();
  for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
  const deadline = Date.now() + DRAIN_MS;
  while (inFlight.size > 0 && Date.now() < deadline) {
    server.closeIdleConnections();
    await sleep(25);
  }
  if (inFlight.size > 0)
    log.warn({ unfinished: inFlight.size }, `Requests still running after ${DRAIN_MS / 1000} s; closing them`);
  server.closeAllConnections();
  const failed = await runStopHooks();
  if (failed.length) log.warn({ failed }, "Some resources did not close cleanly");
  log.info({ ms: Date.now() - startedAt }, "Stopped");
  log.flush?.();
  process.exit(0);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.once(signal, () => void stop(signal));
