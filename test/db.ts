// Helpers for integration tests. All test files of a run share one migrated
// database (DATABASE_URL, set by test/setup.ts) and run concurrently: give
// rows unique keys (uniqueEmail) instead of clearing tables.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDatabase } from "./global-setup";

/** The URL of this run's migrated test database (the same as `process.env.DATABASE_URL`). */
export function testDatabaseUrl(): string {
  return inject("databaseUrl");
}

/** A suffix no other test run or file will produce. */
export function uniqueSuffix(): string {
  return randomBytes(6).toString("hex");
}

/** An email address no other test uses, e.g. `owner-3f9a1c0b2d4e@example.test`. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${uniqueSuffix()}@example.test`;
}

/**
 * Runs one SQL statement on its own short-lived connection (the test
 * database unless `connectionString` is given) and returns the rows; for
 * asserting what was stored, independently of Prisma.
 */
export async function sql<R extends pg.QueryResultRow = Record<string, unknown>>(
  text: string,
  params: unknown[] = [],
  connectionString: string = testDatabaseUrl(),
): Promise<R[]> {
  const client = new pg.Client({ connectionString });
  client.on("error", () => {});
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Empties every table except `_prisma_migrations`. Other files run at the same
 * time on the test database, so use it only on a database of your own (see
 * `createScratchDatabase`); elsewhere rely on unique data.
 */
export async function resetDatabase(connectionString: string = testDatabaseUrl()): Promise<void> {
  const tables = await sql<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name
       FROM pg_catalog.pg_tables
      WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
    [],
    connectionString,
  );
  if (tables.length === 0) return;
  await sql(`TRUNCATE TABLE ${tables.map((t) => t.name).join(", ")} RESTART IDENTITY CASCADE`, [], connectionString);
}

export type ScratchDatabase = {
  url: string;
  /** Drops the database. Idempotent. */
  drop: () => Promise<void>;
};

/**
 * A new, empty database (no migrations applied) on the test server, for tests
 * that need one to themselves, such as tests of migrations or of the schema.
 * Drop it in `afterEach`/`afterAll`.
 */
export function createScratchDatabase(): Promise<ScratchDatabase> {
  return createDatabase(inject("databaseServerUrl"));
}
