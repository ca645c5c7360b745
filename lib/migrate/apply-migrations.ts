import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { checksumMatches } from "./checksum";
import { MigrationError } from "./errors";
import { defaultMigrationsDir, readMigrations, type MigrationFile } from "./read-migrations";

/** The advisory lock key of Prisma Migrate, so that we and the Prisma CLI never migrate at the same time. */
export const MIGRATION_LOCK_KEY = 72707369;

/** Prisma's own DDL for its history table (prisma-engines, PostgreSQL flavour). */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export type ApplyMigrationsOptions = {
  connectionString: string;
  /** Defaults to `prisma/migrations` under the working directory. */
  migrationsDir?: string;
  /** Receives one line per notable step (applying a migration, waiting for the lock, warnings). */
  log?: (message: string) => void;
  /** How long to wait for another run holding the migration lock. @default 60000 */
  lockTimeoutMs?: number;
};

export type ApplyMigrationsResult = {
  /** Migrations applied by this call, in order. */
  applied: string[];
  /** Migrations found on disk that the database already had. */
  alreadyApplied: string[];
};

type MigrationRecord = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
};

/**
 * Brings the database up to date with the migrations directory, keeping the
 * same `_prisma_migrations` history as `prisma migrate deploy`, so either tool
 * can take over from the other.
 *
 * Holds Prisma's advisory lock while it works, creates the history table in an
 * empty schema, then applies every migration not yet recorded, in folder-name
 * order, each in its own transaction together with its history row. Applying
 * twice is a no-op. Throws a `MigrationError`, before changing anything, if an
 * applied migration's migration.sql was edited, if an earlier run left a failed
 * migration behind, or if the schema already has tables but no history. When a
 * migration's SQL fails, its transaction is rolled back, the attempt is
 * recorded as rolled back (with the error in `logs`) and a `MigrationError`
 * is thrown; migrations after it are not applied. A migration therefore cannot
 * contain statements that refuse to run in a transaction (e.g. `CREATE INDEX
 * CONCURRENTLY`).
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const { connectionString, migrationsDir = defaultMigrationsDir, log = () => {}, lockTimeoutMs = 60_000 } = options;
  const migrations = await readMigrations(migrationsDir);

  const client = new pg.Client({ connectionString, application_name: "marginalia-migrate" });
  // A connection lost while idle must fail the next query, not crash the process.
  client.on("error", () => {});
  await client.connect();
  try {
    await acquireLock(client, lockTimeoutMs, log);
    try {
      return await migrate(client, migrations, migrationsDir, log);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** One status line for a result, e.g. "Applied 2 migrations: a, b". */
export function describeMigrationResult(result: ApplyMigrationsResult): string {
  const count = (n: number) => `${n} migration${n === 1 ? "" : "s"}`;
  if (result.applied.length === 0) {
    return `Database schema is up to date (${count(result.alreadyApplied.length)} applied)`;
  }
  return `Applied ${count(result.applied.length)}: ${result.applied.join(", ")}`;
}

async function migrate(
  client: pg.Client,
  migrations: MigrationFile[],
  migrationsDir: string,
  log: (message: string) => void,
): Promise<ApplyMigrationsResult> {
  await ensureMigrationsTable(client);
  const { rows: records } = await client.query<MigrationRecord>(
    `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );

  const failed = records.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length > 0) throw failedMigrationsError(failed);

  const live = records.filter((r) => r.rolled_back_at === null);
  const edited = migrations.filter((m) =>
    live.some((r) => r.migration_name === m.name && !checksumMatches(m.script, r.checksum)),
  );
  if (edited.length > 0) {
    const names = edited.map((m) => `\`${m.name}\``).join(", ");
    throw new MigrationError(
      "CHECKSUM_MISMATCH",
      `Migration ${names} changed after it was applied to this database (its migration.sql no longer matches the recorded checksum). Restore the original file and put the change in a new migration.`,
      { migrationName: edited[0].name },
    );
  }
  for (const record of live) {
    if (!migrations.some((m) => m.name === record.migration_name)) {
      log(
        `Warning: migration \`${record.migration_name}\` is applied in the database but missing from ${migrationsDir}`,
      );
    }
  }

  const isApplied = (m: MigrationFile) => live.some((r) => r.migration_name === m.name);
  const applied: string[] = [];
  for (const migration of migrations.filter((m) => !isApplied(m))) {
    log(`Applying migration \`${migration.name}\``);
    await applyOne(client, migration);
    applied.push(migration.name);
  }
  return { applied, alreadyApplied: migrations.filter(isApplied).map((m) => m.name) };
}

async function acquireLock(client: pg.Client, timeoutMs: number, log: (message: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      MIGRATION_LOCK_KEY,
    ]);
    if (rows[0].locked) return;
    if (Date.now() >= deadline) {
      throw new MigrationError(
        "LOCK_TIMEOUT",
        `Another process has been migrating this database for over ${Math.round(timeoutMs / 1000)}s (advisory lock ${MIGRATION_LOCK_KEY}); try again once it has finished.`,
      );
    }
    if (attempt === 0) log("Waiting for another process that is migrating this database…");
    await sleep(250);
  }
}

/** Creates the history table in an empty schema, like Prisma: it refuses a schema that has tables but no history. */
async function ensureMigrationsTable(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = current_schema()`,
  );
  if (rows.some((r) => r.name === "_prisma_migrations")) return;
  if (rows.length > 0) {
    const tables = rows.map((r) => r.name).sort();
    throw new MigrationError(
      "SCHEMA_NOT_EMPTY",
      `The database schema is not empty (tables: ${tables.slice(0, 5).join(", ")}${tables.length > 5 ? ", …" : ""}) but has no migration history. Use an empty database, or baseline this one (https://pris.ly/d/migrate-baseline).`,
    );
  }
  await client.query(CREATE_MIGRATIONS_TABLE);
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, clock_timestamp())`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.script);
    await client.query(
      `UPDATE _prisma_migrations
          SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
        WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    const reason = describeSqlError(err, migration.script);
    // Keep a trace of the attempt; being rolled back, it blocks nothing (as after `prisma migrate resolve --rolled-back`).
    await client
      .query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at, rolled_back_at)
         VALUES ($1, $2, $3, $4, clock_timestamp(), clock_timestamp())`,
        [id, migration.checksum, migration.name, reason],
      )
      .catch(() => undefined);
    throw new MigrationError(
      "MIGRATION_FAILED",
      `Migration \`${migration.name}\` failed and was rolled back: ${reason}`,
      { migrationName: migration.name, cause: err },
    );
  }
}

/**
 * Creates, in an empty schema, what `migrations` describe, on `client` and inside the caller's
 * transaction (nothing is committed here): the history table, then each script in order with its
 * history row. For restoring a backup into the schema its migrations made; a failing script
 * throws a `MigrationError` naming it, and the caller's rollback undoes everything.
 */
export async function applyMigrationsInTransaction(client: pg.ClientBase, migrations: MigrationFile[]): Promise<void> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  for (const migration of migrations) {
    try {
      await client.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, clock_timestamp(), clock_timestamp(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      await client.query(migration.script);
    } catch (err) {
      throw new MigrationError(
        "MIGRATION_FAILED",
        `Migration \`${migration.name}\` failed: ${describeSqlError(err, migration.script)}`,
        { migrationName: migration.name, cause: err },
      );
    }
  }
}

function describeSqlError(err: unknown, script: string): string {
  if (!(err instanceof Error)) return String(err);
  const { code, position } = err as Error & { code?: string; position?: string };
  const line = position ? script.slice(0, Number(position) - 1).split("\n").length : undefined;
  return [err.message, code && `(SQLSTATE ${code})`, line && `at migration.sql line ${line}`].filter(Boolean).join(" ");
}

function failedMigrationsError(failed: MigrationRecord[]): MigrationError {
  const details = failed
    .map((r) => {
      const logs = r.logs?.trim() ? `: ${r.logs.trim()}` : "";
      return `\`${r.migration_name}\` (started ${r.started_at.toISOString()}, id ${r.id})${logs}`;
    })
    .join("; ");
  return new MigrationError(
    "FAILED_MIGRATION_FOUND",
    `A previous migration failed and was never resolved: ${details}. Repair the database by hand, then mark the migration rolled back (UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = '…') or applied (prisma migrate resolve --applied).`,
    { migrationName: failed[0].migration_name },
  );
}
