import net from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { toErrorPayload } from "@/lib/errors";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { callRoute } from "@/test/call-route";
import { makeUser, makeWorkspace, sessionCookie } from "@/test/factories";

// Issue 13, items 10 and 12: the one error mapper turns a database that cannot
// be reached into 503 with Retry-After, and a data exception into 422.

const globalForDb = globalThis as unknown as { marginaliaDb?: { prisma: PrismaClient; pool: pg.Pool } };
const refusedUrl = "postgresql://postgres@127.0.0.1:1/marginalia";

function unreachable() {
  const pool = new pg.Pool({ connectionString: refusedUrl, max: 1 });
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
}

let saved: typeof globalForDb.marginaliaDb;
afterEach(() => {
  if (saved) globalForDb.marginaliaDb = saved;
  saved = undefined;
});

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the database to fail");
}

describe("a database outage", () => {
  it("answers 503 with Retry-After from a route, reads and writes alike", async () => {
    const user = await makeUser();
    const workspaceId = await makeWorkspace([{ user, role: "OWNER" }]);
    const cookie = await sessionCookie(user);
    await db.user.findFirst(); // the real connection exists before it is swapped out
    saved = globalForDb.marginaliaDb;
    globalForDb.marginaliaDb = unreachable();
    for (const res of [
      await callRoute({ file: "api/workspaces/route.ts", method: "GET", cookie }),
      await callRoute({ file: "api/workspaces/route.ts", method: "POST", cookie, json: { name: "Desk" } }),
      await callRoute({
        file: "api/workspaces/[workspaceId]/articles/route.ts",
        method: "GET",
        params: { workspaceId },
        cookie,
      }),
    ]) {
      expect(res.status).toBe(503);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await res.json()).error.code).toBe("UNAVAILABLE");
    }
  });

  it("maps connection refused, a terminated backend (admin shutdown) and a connect timeout, raw and through Prisma", async () => {
    const { prisma, pool } = unreachable();
    const errors: unknown[] = [
      await caught(prisma.workspace.findFirst()),
      await caught(prisma.$transaction(async (tx) => tx.workspace.findFirst())),
      await caught(pool.query("select 1")),
    ];
    // 57P01: a backend ended by pg_terminate_backend, as on a server shutdown.
    const sleepers = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    sleepers.on("error", () => {});
    const viaPrisma = new PrismaClient({ adapter: new PrismaPg(sleepers) });
    const sleeping = [
      caught(viaPrisma.$queryRawUnsafe("select pg_sleep(30)::text as outage_probe")),
      caught(sleepers.query("select pg_sleep(30)::text as outage_probe")),
    ];
    await expect
      .poll(async () =>
        Number(
          (
            await db.$queryRawUnsafe<{ n: number }[]>(
              "select count(*)::int as n from pg_stat_activity where query like '%as outage_probe' and pid <> pg_backend_pid()",
            )
          )[0].n,
        ),
      )
      .toBe(2);
    await db.$queryRawUnsafe(
      "select pg_terminate_backend(pid)::text from pg_stat_activity where query like '%as outage_probe' and pid <> pg_backend_pid()",
    );
    errors.push(...(await Promise.all(sleeping)));
    // A server that accepts connections and never answers: the connect times out, whatever the machine's speed.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const silentPort = (silent.address() as net.AddressInfo).port;
    const timeout = new pg.Pool({
      connectionString: `postgresql://postgres@127.0.0.1:${silentPort}/postgres`,
      max: 1,
      connectionTimeoutMillis: 100,
    });
    errors.push(await caught(timeout.query("select 1")));
    await Promise.all([timeout.end(), sleepers.end().catch(() => {}), pool.end().catch(() => {})]);
    silent.close();
    for (const err of errors) {
      const { status, headers, body } = toErrorPayload(err);
      expect({ status, retryAfter: headers?.["retry-after"], code: body.error.code }, String(err)).toEqual({
        status: 503,
        retryAfter: "5",
        code: "UNAVAILABLE",
      });
    }
  });
});

describe("a data exception left to the database", () => {
  it("answers 422, raw or through Prisma", async () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    const errors = [
      await caught(db.$queryRawUnsafe("select 1/0")),
      await caught(db.workspace.findFirst({ where: { name: "a\u0000b" } })),
      await caught(pool.query("select $1::date", ["0000-01-01"])),
    ];
    await pool.end();
    for (const err of errors) {
      const { status, body } = toErrorPayload(err);
      expect({ status, code: body.error.code }, String(err)).toEqual({ status: 422, code: "UNPROCESSABLE" });
    }
  });
});
