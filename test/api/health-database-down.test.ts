// Readiness while the database cannot be reached: 503 naming the database, nothing secret in the answer.
import { beforeAll, describe, expect, it } from "vitest";
import { callRoute } from "@/test/call-route";

const deadUrl = "postgresql://marginalia:s3cret-password@127.0.0.1:1/marginalia";

beforeAll(() => {
  // lib/db connects on first use: this file's process never reaches the test database.
  process.env.DATABASE_URL = deadUrl;
});

describe("GET /api/health/ready with the database down", () => {
  it("answers 503 and says which check failed", async () => {
    const res = await callRoute({ file: "api/health/ready/route.ts", method: "GET" });
    const text = await res.text();
    expect(res.status).toBe(503);
    const body = JSON.parse(text);
    expect(body.status).toBe("not ready");
    expect(body.checks.database).toEqual({ ok: false, message: "The database cannot be reached." });
    expect(body.checks.migrations.ok).toBe(false);
    expect(body.checks.liveUpdates.ok).toBe(false);
    expect(text).not.toContain("s3cret-password");
    expect(text).not.toContain("127.0.0.1:1");
  });

  it("liveness still answers 200", async () => {
    const res = await callRoute({
      file: "api/health/route.ts",
      method: "GET",
      headers: { cookie: "next-auth.session-token=x" },
    });
    expect(res.status).toBe(200);
  });
});
