// The web server `npm start` (and `npm run dev`) runs: Next.js behind a plain Node HTTP server,
// so that the app learns the client's address from the socket (see client-address.mjs and
// TRUST_PROXY in the README) instead of from a header the client may have written itself. Every
// request passes here once: request id, structured log line and metrics (lib/observability), and
// gzip for its answer (compress-responses.mjs: Next.js's own is off).
//
// On SIGTERM (or SIGINT, SIGHUP) it stops gracefully and exits 0:
//   1. readiness (/api/health/ready) answers 503 at once, and for SHUTDOWN_DELAY_MS (0) the server
//      keeps serving, with `Connection: close` on every response, so that a load balancer polling
//      readiness takes the instance out before it stops accepting connections (a connection
//      the kernel accepted just before the listening socket closes would be reset, not refused);
//   2. it closes the listening socket, tells event streams to reconnect elsewhere (`retry:`, then
//      closes them), lets in-flight requests finish for up to 10 s while closing each keep-alive
//      connection as soon as it is idle;
//   3. it closes the database pool and the live-update listener, and exits 0.
// A repeated signal while stopping is ignored (a terminal's Ctrl-C reaches both `npm start` and this
// process, and `npm start` forwards it too); a signal before the server listens exits 0 at once.
//
//   node scripts/server.mjs [--dev]     PORT (3000), HTTP_KEEP_ALIVE_MS (65000), TRUST_PROXY, LOG_LEVEL
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { observeRequests } from "../lib/observability/http-log.mjs";
import { markStopping, runStopHooks, setWarmingUp, startDraining } from "../lib/observability/lifecycle.mjs";
import { logger } from "../lib/observability/logger.mjs";
import { parseTrustProxy, setClientAddressHeader } from "./client-address.mjs";
import { compressResponses } from "./compress-responses.mjs";

/** How long in-flight requests may take to finish once the server is asked to stop. */
const DRAIN_MS = 10_000;

/**
 * Requested once after listening, before readiness says yes: the first request of a kind loads its
 * code, and the API document is generated on its first request. Measured on a fresh process: the
 * document held the event loop for 285 ms, and every request waiting meanwhile with it.
 */
const WARM_UP_PATHS = ["/api/openapi.json", "/signin"];
const WARM_UP_TIMEOUT_MS = 30_000;

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

/** Set once a stop signal arrived; the stop itself runs once. */
let stopping = false;
let server;
// Installed before Next.js loads (which takes seconds): a signal meanwhile must not kill the
// process by its default action, which a supervisor would see as a crash.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (stopping) {
      log.info({ signal }, "Already stopping");
      return;
    }
    void stop(signal);
  });
}
log.info({ pid: process.pid }, "Starting");

process.env.NODE_ENV ??= dev ? "development" : "production";
const { default: next } = await import("next");

server = http.createServer();
server.keepAliveTimeout = keepAliveMs;
const app = next({ dev, port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();

/** Responses not yet finished, for the drain on stop. */
const inFlight = new Set();

server.on(
  "request",
  observeRequests((req, res) => {
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
    // While stopping, no connection is kept for another request: the client's next one opens a
    // new connection, which a load balancer that has seen readiness 503 sends elsewhere.
    if (stopping) res.setHeader("connection", "close");
    setClientAddressHeader(req, trust);
    compressResponses(req, res);
    return handle(req, res);
  }),
);
server.on("error", (err) => {
  log.error({ err, port }, `Cannot listen on port ${port}: ${err.message}`);
  log.flush?.();
  process.exit(1);
});
if (!stopping) {
  // Development compiles on demand: warming up there would only compile pages nobody asked for.
  if (!dev) setWarmingUp(true);
  server.listen(port, () => {
    log.info({ port, dev }, `Listening on port ${port}${dev ? " (development)" : ""}`);
    if (!dev) void warmUp();
  });
}

/** Requests WARM_UP_PATHS from this server, one after the other; readiness answers 503 until they are done. */
async function warmUp() {
  const startedAt = Date.now();
  for (const path of WARM_UP_PATHS) {
    if (stopping) break;
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(WARM_UP_TIMEOUT_MS) });
      await res.arrayBuffer();
    } catch (err) {
      log.warn({ path, err: err instanceof Error ? err.message : String(err) }, "A warm-up request failed");
    }
  }
  setWarmingUp(false);
  log.info({ ms: Date.now() - startedAt }, "Warmed up");
}

async function stop(signal) {
  stopping = true;
  markStopping();
  const startedAt = Date.now();
  if (!server?.listening) {
    // Not serving yet (Next.js still loading): nothing to drain.
    log.info({ signal }, "Stopped before serving");
    await runStopHooks();
    log.flush?.();
    process.exit(0);
  }
  log.info(
    { signal, inFlight: inFlight.size, delayMs: shutdownDelayMs },
    `Stopping: readiness now answers 503${shutdownDelayMs ? `; serving ${shutdownDelayMs} ms more` : ""}`,
  );
  if (shutdownDelayMs > 0) await sleep(shutdownDelayMs);
  // No new connections (Node also closes the idle keep-alive ones here); event streams told to go.
  server.close();
  startDraining();
  for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
  const deadline = Date.now() + DRAIN_MS;
  while (inFlight.size > 0 && Date.now() < deadline) {
    // A keep-alive connection whose response just ended is closed before it can take another request.
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
