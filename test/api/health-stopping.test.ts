// Readiness after SIGTERM (scripts/server.mjs marks the process stopping): 503 naming the shutdown,
// so a load balancer sends requests elsewhere while the instance drains. Liveness stays 200.
import { afterAll, describe, expect, it } from "vitest";
import { markStopping } from "@/lib/observability/lifecycle.mjs";
import { liveHub } from "@/lib/server/live/live-hub";
import { callRoute } from "@/test/call-route";

afterAll(async () => {
  // Whatever runs next in this worker sees a serving process again.
  (globalThis as unknown as Record<symbol, { stopping: boolean }>)[Symbol.for("marginalia.lifecycle")].stopping = false;
  await liveHub().close();
});

describe("a stopping instance", () => {
  it("answers readiness 503 with the shutdown check failed, and liveness 200", async () => {
    expect((await callRoute({ file: "api/health/ready/route.ts", method: "GET" })).status).toBe(200);
    markStopping();
    const res = await callRoute({ file: "api/health/ready/route.ts", method: "GET" });
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.status).toBe("not ready");
    expect(body.checks.shutdown).toEqual({ ok: false, message: "This instance is shutting down." });
    expect(body.checks.database).toEqual({ ok: true });
    expect((await callRoute({ file: "api/health/route.ts", method: "GET" })).status).toBe(200);
  });
});
