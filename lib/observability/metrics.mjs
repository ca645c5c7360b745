// The Prometheus metrics of the process (prom-client), served by GET /api/metrics. One registry on
// globalThis, shared by the web server (scripts/server.mjs records every request) and the app.
// Gauges of state owned elsewhere (the database pool, open event streams, the compute pool) are
// read when scraped, from the globals those modules keep.
import client from "prom-client";

const KEY = Symbol.for("marginalia.metrics");

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "marginalia_", eventLoopMonitoringPrecision: 20 });

  const httpRequests = new client.Counter({
    name: "marginalia_http_requests_total",
    help: "HTTP requests answered, by method, route template and status",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const httpDuration = new client.Histogram({
    name: "marginalia_http_request_duration_seconds",
    help: "Time from a request's arrival to the end of its response, by method, route template and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const rateLimitRefusals = new client.Counter({
    name: "marginalia_rate_limit_refusals_total",
    help: "Requests refused with 429 by a rate limit, by route template",
    labelNames: ["route"],
    registers: [registry],
  });
  const liveDeliveryLag = new client.Histogram({
    name: "marginalia_live_event_delivery_lag_seconds",
    help: "Time from a live event's commit to its delivery to this instance's open streams",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new client.Gauge({
    name: "marginalia_db_pool_connections",
    help: "Database pool connections of this instance: in use, idle, and requests waiting for one",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const pool = globalThis.marginaliaDb?.pool;
      const total = pool?.totalCount ?? 0;
      const idle = pool?.idleCount ?? 0;
      this.set({ state: "in_use" }, total - idle);
      this.set({ state: "idle" }, idle);
      this.set({ state: "waiting" }, pool?.waitingCount ?? 0);
    },
  });
  new client.Gauge({
    name: "marginalia_event_streams_open",
    help: "Live-update (Server-Sent Events) streams open on this instance",
    registers: [registry],
    collect() {
      this.set(globalThis.marginaliaOpenStreams?.size ?? 0);
    },
  });
  new client.Gauge({
    name: "marginalia_background_jobs",
    help: "Background jobs of this instance: worker-thread tasks (agreement, import parsing) queued and completed",
    labelNames: ["pool", "state"],
    registers: [registry],
    collect() {
      const compute = globalThis.marginaliaComputePool;
      this.set({ pool: "compute", state: "queued" }, compute?.queueSize ?? 0);
      this.set({ pool: "compute", state: "completed" }, compute?.completed ?? 0);
    },
  });

  return { registry, httpRequests, httpDuration, rateLimitRefusals, liveDeliveryLag };
}

/** The process's metrics (created on first use). */
export function metrics() {
  globalThis[KEY] ??= create();
  return globalThis[KEY];
}

/** Counts one answered request. `route` is a template, never a concrete path (it is a label). */
export function recordRequest({ method, route, status, seconds }) {
  const m = metrics();
  const labels = { method, route, status: String(status) };
  m.httpRequests.inc(labels);
  m.httpDuration.observe(labels, seconds);
  if (status === 429) m.rateLimitRefusals.inc({ route });
}
