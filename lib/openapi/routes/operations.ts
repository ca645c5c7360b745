import { z } from "zod";
import { apiRoute } from "@/lib/openapi/registry";

const check = z.object({ ok: z.boolean(), message: z.string().optional() });
const readiness = z.object({
  status: z.enum(["ready", "not ready"]),
  checks: z.object({ database: check, migrations: check, liveUpdates: check, warmUp: check, shutdown: check }),
});

apiRoute({
  method: "get",
  path: "/api/health",
  tag: "Operations",
  summary: "Liveness",
  description:
    "200 while the process serves requests; touches no database. For a load balancer's or orchestrator's liveness probe.",
  permission: "public",
  response: { status: 200, description: "Alive.", schema: z.object({ status: z.literal("ok") }) },
});

apiRoute({
  method: "get",
  path: "/api/health/ready",
  tag: "Operations",
  summary: "Readiness",
  description:
    "200 when this instance can serve: the database answers, every migration of this build is applied, the live-update listener is connected and the instance is not shutting down. Otherwise 503 with the same body, the failed checks having `ok: false` and a message. Point a load balancer's health check here.",
  permission: "public",
  response: { status: 200, description: "Ready (503 with the same shape when not).", schema: readiness },
});

apiRoute({
  method: "get",
  path: "/api/metrics",
  tag: "Operations",
  summary: "Prometheus metrics",
  description:
    "This instance's metrics in the Prometheus text format. Only with `Authorization: Bearer` and the value of `METRICS_TOKEN` (401 otherwise); 404 while `METRICS_TOKEN` is unset.",
  permission: "public",
  response: {
    status: 200,
    description: "The metrics.",
    contentTypes: { "text/plain; version=0.0.4; charset=utf-8": z.string() },
  },
  errors: [401, 404],
});
