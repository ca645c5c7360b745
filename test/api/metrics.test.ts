// GET /api/metrics: Prometheus text, only with METRICS_TOKEN.
import { afterEach, describe, expect, it } from "vitest";
import { recordRequest } from "@/lib/observability/metrics.mjs";
import { callRoute } from "@/test/call-route";

const scrape = (authorization?: string) =>
  callRoute({
    file: "api/metrics/route.ts",
    method: "GET",
    headers: authorization ? { authorization } : {},
  });

afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

describe("GET /api/metrics", () => {
  it("does not exist while METRICS_TOKEN is unset", async () => {
    expect((await scrape()).status).toBe(404);
    expect((await scrape("Bearer anything")).status).toBe(404);
  });

  it("refuses a scrape without the token or with another one", async () => {
    process.env.METRICS_TOKEN = "scrape-token-0123456789";
    const missing = await scrape();
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    expect((await scrape("Bearer scrape-token-012345678")).status).toBe(401);
    expect((await scrape("scrape-token-0123456789")).status).toBe(401);
  });

  it("answers the Prometheus text format with the documented metrics", async () => {
    process.env.METRICS_TOKEN = "scrape-token-0123456789";
    recordRequest({ method: "GET", route: "/api/workspaces/[workspaceId]/annotations", status: 200, seconds: 0.012 });
    recordRequest({ method: "POST", route: "/api/workspaces/[workspaceId]/annotations", status: 429, seconds: 0.001 });
    const res = await scrape("Bearer scrape-token-0123456789");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain(
      'marginalia_http_requests_total{method="GET",route="/api/workspaces/[workspaceId]/annotations",status="200"} 1',
    );
    expect(text).toMatch(
      /marginalia_http_request_duration_seconds_bucket\{le="0\.025",method="GET",route="\/api\/workspaces\/\[workspaceId\]\/annotations",status="200"\} 1/,
    );
    expect(text).toContain('marginalia_rate_limit_refusals_total{route="/api/workspaces/[workspaceId]/annotations"} 1');
    for (const name of [
      'marginalia_db_pool_connections{state="in_use"}',
      'marginalia_db_pool_connections{state="waiting"}',
      "marginalia_event_streams_open",
      "marginalia_live_event_delivery_lag_seconds_count",
      "marginalia_nodejs_eventloop_lag_p99_seconds",
      'marginalia_background_jobs{pool="compute",state="queued"}',
    ]) {
      expect(text).toContain(name);
    }
  });
});
