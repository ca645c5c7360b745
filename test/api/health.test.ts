// Health checks for load balancers: liveness and readiness, without sign-in and without secrets.
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { setWarmingUp } from "@/lib/observability/lifecycle.mjs";
import { checkReadiness } from "@/lib/server/health/check-readiness";
import { liveHub } from "@/lib/server/live/live-hub";
import { callRoute } from "@/test/call-route";

afterAll(() => liveHub().close());

const secretsOf = () => {
  const url = new URL(process.env.DATABASE_URL!);
  return [process.env.DATABASE_URL!, url.password, url.hostname + ":" + url.port, process.env.NEXTAUTH_SECRET!].filter(
    (s) => s && s.length > 3,
  );
};

describe("GET /api/health", () => {
  it("answers 200 without sign-in", async () => {
    const res = await callRoute({ file: "api/health/route.ts", method: "GET" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("GET /api/health/ready", () => {
  it("answers 200 when the database answers, every migration is applied and the live listener is connected", async () => {
    const res = await callRoute({ file: "api/health/ready/route.ts", method: "GET" });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(JSON.parse(text)).toEqual({
      status: "ready",
      checks: {
        database: { ok: true },
        migrations: { ok: true },
        liveUpdates: { ok: true },
        warmUp: { ok: true },
        shutdown: { ok: true },
      },
    });
    for (const secret of secretsOf()) expect(text).not.toContain(secret);
  });

  it("answers 503 while the server warms up, naming that check, and 200 once it has", async () => {
    setWarmingUp(true);
    try {
      const res = await callRoute({ file: "api/health/ready/route.ts", method: "GET" });
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.checks.warmUp).toEqual({
        ok: false,
        message: "This instance is still loading the code of its first requests.",
      });
      expect(body.checks.database).toEqual({ ok: true });
    } finally {
      setWarmingUp(false);
    }
    expect((await callRoute({ file: "api/health/ready/route.ts", method: "GET" })).status).toBe(200);
  });

  it("names a migration of this build that the database lacks", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "marginalia-ready-"));
    try {
      await cp(path.join("prisma", "migrations"), dir, { recursive: true });
      await mkdir(path.join(dir, "29991231000000_not_yet"));
      await writeFile(path.join(dir, "29991231000000_not_yet", "migration.sql"), "SELECT 1;\n");
      const readiness = await checkReadiness({ migrationsDir: dir });
      expect(readiness.ready).toBe(false);
      expect(readiness.checks.database.ok).toBe(true);
      expect(readiness.checks.migrations).toEqual({
        ok: false,
        message: "1 migration(s) not applied: 29991231000000_not_yet",
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
