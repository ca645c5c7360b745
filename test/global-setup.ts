// Gives each vitest run its own migrated database and drops it afterwards:
// a fresh `marginalia_test_<random>` database on the PostgreSQL server named by
// TEST_DATABASE_URL, else DATABASE_URL, else postgres@127.0.0.1:5432; when no
// server answers (or TEST_DATABASE=pglite), an in-memory PGlite server instead.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../lib/migrate";
import { startEmbeddedDatabase } from "../scripts/embedded-db.mjs";
import { assertNoHiddenDuplicates } from "../scripts/hidden-duplicates.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated database of this test run; test/setup.ts exports it as DATABASE_URL. */
    databaseUrl: string;
    /** The server's URL for creating more databases (test/db.ts), or null on embedded PGlite. */
    databaseServerUrl: string | null;
    /** How live updates reach the hub: LISTEN on a real server, polling on embedded PGlite. */
    liveTransport: "listen" | "poll";
  }
}

const DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_SERVER_URL;

  const forced = process.env.TEST_DATABASE === "pglite";
  const unreachable = forced ? null : await probe(serverUrl);
  if (!forced && unreachable === null) {
    const database = await createDatabase(serverUrl);
    try {
      await applyMigrations({ connectionString: database.url });
    } catch (err) {
      await database.drop();
      throw err;
    }
    project.provide("databaseUrl", database.url);
    project.provide("databaseServerUrl", serverUrl);
    project.provide("liveTransport", "listen");
    return async () => {
      try {
        await failRunOnDuplicates(database.url);
      } finally {
        await database.drop();
      }
    };
  }

  // Each test file opens a small pool (DATABASE_POOL_MAX in test/setup.ts), several files run at once.
  const embedded = await startEmbeddedDatabase({ maxConnections: 100 });
  const why = forced ? "TEST_DATABASE=pglite" : `no PostgreSQL at ${redact(serverUrl)}: ${unreachable}`;
  console.log(`Tests use embedded PGlite (in memory) at ${embedded.url} (${why}).`);
  try {
    await applyMigrations({ connectionString: embedded.url });
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  project.provide("databaseUrl", embedded.url);
  project.provide("databaseServerUrl", null);
  project.provide("liveTransport", "poll");
  return async () => {
    try {
      await failRunOnDuplicates(embedded.url);
    } finally {
      await embedded.stop();
    }
  };
}

/** The hidden-duplicate check; vitest reports an error thrown here but keeps its exit code, so set it too. */
async function failRunOnDuplicates(databaseUrl: string): Promise<void> {
  try {
    await assertNoHiddenDuplicates(databaseUrl);
  } catch (err) {
    process.exitCode = 1;
    throw err;
  }
}

/** Creates an empty database on the server of `serverUrl`; the URL of the new database and how to drop it. */
export async function createDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `marginalia_test_${randomBytes(6).toString("hex")}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    drop: () =>
      (dropped ??= withClient(serverUrl, async (client) => {
        try {
          await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } catch (err) {
          if ((err as { code?: string }).code !== "42601") throw err;
          // PostgreSQL < 13 has no FORCE.
          await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);
          await client.query(`DROP DATABASE IF EXISTS "${name}"`);
        }
      })),
  };
}

/** Null when the server accepts a connection, else why not. Throws when an explicitly configured server refuses us for another reason than being down. */
async function probe(serverUrl: string): Promise<string | null> {
  try {
    await withClient(serverUrl, (client) => client.query("SELECT 1"));
    return null;
  } catch (err) {
    const { code, message } = err as { code?: string; message: string };
    const down =
      !code || ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "ECONNRESET", "EAI_AGAIN"].includes(code);
    if (!down && process.env.TEST_DATABASE_URL) {
      throw new Error(`TEST_DATABASE_URL (${redact(serverUrl)}) refused the connection: ${message}`);
    }
    return code ?? message;
  }
}

async function withClient<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "<invalid URL>";
  }
}
