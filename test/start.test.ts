// `npm start` (scripts/start.mjs) before it serves: environment validation and migrations, as
// processes of their own, the way two instances start at once behind a load balancer.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createScratchDatabase, sql, type ScratchDatabase } from "@/test/db";

const root = path.resolve(__dirname, "..");

/** Runs `node scripts/start.mjs --no-server` with `env` over a clean environment; its exit code and output. */
function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/start.mjs", "--no-server"], {
      cwd: root,
      env: {
        NODE_ENV: process.env.NODE_ENV,
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SEED_DEMO: "false",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function scratch(): Promise<ScratchDatabase> {
  const database = await createScratchDatabase();
  cleanups.push(database.drop);
  return database;
}

describe("npm start", () => {
  it("stops on a wrong environment value with one line naming it", async () => {
    const { code, output } = await start({ NEXTAUTH_URL: "localhost:3000" });
    expect(code).toBe(1);
    expect(output.trim()).toBe('NEXTAUTH_URL must be a URL, got "localhost:3000"');
  });

  it("two instances starting at once apply each migration once", async () => {
    const { url } = await scratch();
    const env = { DATABASE_URL: url, NEXTAUTH_SECRET: "a-secret-of-enough-length-0123" };
    const runs = await Promise.all([start(env), start(env)]);
    for (const run of runs) expect(run.code, run.output).toBe(0);
    const outputs = runs.map((r) => r.output);
    expect(outputs.filter((o) => /Applied \d+ migrations/.test(o))).toHaveLength(1);
    expect(outputs.filter((o) => /Database schema is up to date/.test(o))).toHaveLength(1);
    const rows = await sql<{ migration_name: string; finished: boolean }>(
      "SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations",
      [],
      url,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.finished)).toBe(true);
    expect(new Set(rows.map((r) => r.migration_name)).size).toBe(rows.length);
  });

  it("refuses to start when a migration fails, naming it, with its changes rolled back", async () => {
    const { url } = await scratch();
    // The first migration creates this type: it fails at once.
    await sql(`CREATE TYPE "Role" AS ENUM ('SOMETHING_ELSE')`, [], url);
    const { code, output } = await start({ DATABASE_URL: url, NEXTAUTH_SECRET: "a-secret-of-enough-length-0123" });
    expect(code).toBe(1);
    expect(output).toMatch(
      /Migration error: Migration `20261125100000_init` failed and was rolled back: type "Role" already exists \(SQLSTATE 42710\)/,
    );
    expect(output).not.toContain("Database ready");
    const tables = await sql<{ count: string }>(
      "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
      [],
      url,
    );
    expect(tables[0].count).toBe("0");
  });
});
