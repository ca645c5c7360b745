// Gives each vitest run its own migrated database and drops it afterwards:
// a fresh `marginalia_test_<random>` database on the PostgreSQL server named by
// TEST_DATABASE_URL, else DATABASE_URL, else postgres@127.0.0.1:5432; when no
// server answers (or TEST_DATABASE=embedded), on an embedded PostgreSQL server
// started for the run in a temporary folder, the same engine `npm start` runs.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../lib/migrate";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../scripts/embedded-db.mjs";
import { assertNoHiddenDuplicates } from "../scripts/hidden-duplicates.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated database of this test run; test/setup.ts exports it as DATABASE_URL. */
    databaseUrl: string;
    /** The server's URL for creating more databases (test/db.ts). */
    databaseServerUrl: string;
  }
}

const DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configuredUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_SERVER_URL;
  const forced = process.env.TEST_DATABASE === "embedded";
  const unreachable = forced ? "TEST_DATABASE=embedded" : await probe(configuredUrl);

  let embedded: EmbeddedDatabase | null = null;
  if (unreachable !== null) {
    embedded = await startEmbeddedDatabase({ ephemeral: true });
    const why = forced ? unreachable : `no PostgreSQL at ${redact(configuredUrl)}: ${unreachable}`;
    console.log(`Tests use an embedded PostgreSQL server on port ${embedded.port} (${why}).`);
  }
  const serverUrl = embedded?.serverUrl ?? configuredUrl;
  const stopServer = async () => embedded?.stop();

  let database: Awaited<ReturnType<typeof createDatabase>>;
  try {
    database = await createDatabase(serverUrl);
    try {
      await applyMigrations({ connectionString: database.url });
    } catch (err) {
      await database.drop();
      throw err;
    }
  } catch (err) {
    await stopServer();
    throw err;
  }
  project.provide("databaseUrl", database.url);
  project.provide("databaseServerUrl", serverUrl);
  return async () => {
    try {
      await failRunOnDuplicates(database.url);
    } finally {
      try {
        await database.drop();
      } finally {
        await stopServer();
      }
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
