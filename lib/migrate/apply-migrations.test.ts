import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createScratchDatabase, sql, type ScratchDatabase } from "@/test/db";
import { applyMigrations, MigrationError } from "./index";

type Row = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
};

const history = (url: string) =>
  sql<Row>("SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name", [], url);

const tableExists = async (url: string, table: string) =>
  (await sql<{ found: string | null }>("SELECT to_regclass($1)::text AS found", [`"${table}"`], url))[0].found !== null;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function scratch(): Promise<ScratchDatabase> {
  const database = await createScratchDatabase();
  cleanups.push(database.drop);
  return database;
}

/** A migrations directory holding `migrations` (folder name → SQL). */
async function migrationsDir(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "marginalia-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  for (const [name, script] of Object.entries(migrations)) await writeMigration(dir, name, script);
  return dir;
}

async function writeMigration(dir: string, name: string, script: string): Promise<void> {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, "migration.sql"), script);
}

async function migrationError(promise: Promise<unknown>): Promise<MigrationError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
}

describe("applyMigrations", () => {
  it("applies the project's migrations once; a second run changes nothing", async () => {
    const { url } = await scratch();

    const first = await applyMigrations({ connectionString: url });
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.alreadyApplied).toEqual([]);
    expect(await tableExists(url, "User")).toBe(true);
    const rowsAfterFirst = await history(url);

    const second = await applyMigrations({ connectionString: url });
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied });
    expect(await history(url)).toEqual(rowsAfterFirst);
  });

  it("records each migration as Prisma Migrate does", async () => {
    const { url } = await scratch();
    const dir = await migrationsDir({
      "20260101000000_first": 'CREATE TABLE "A" ("id" TEXT NOT NULL);\n',
      "20260102000000_second": 'CREATE TABLE "B" ("id" TEXT NOT NULL);\r\n',
    });

    await applyMigrations({ connectionString: url, migrationsDir: dir });

    const rows = await history(url);
    expect(rows.map((r) => r.migration_name)).toEqual(["20260101000000_first", "20260102000000_second"]);
    for (const row of rows) {
      const file = await readFile(path.join(dir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
  });

  it("applies only migrations added since the last run, in folder-name order", async () => {
    const { url } = await scratch();
    const dir = await migrationsDir({ "20260101000000_a": 'CREATE TABLE "A" ("id" TEXT);' });
    await applyMigrations({ connectionString: url, migrationsDir: dir });

    await writeMigration(dir, "20260103000000_c", 'ALTER TABLE "B" ADD COLUMN "c" TEXT;');
    await writeMigration(dir, "20260102000000_b", 'CREATE TABLE "B" ("id" TEXT);');
    const result = await applyMigrations({ connectionString: url, migrationsDir: dir });

    expect(result).toEqual({ applied: ["20260102000000_b", "20260103000000_c"], alreadyApplied: ["20260101000000_a"] });
  });

  it("rolls a failing migration back entirely, keeps earlier ones, and can retry it once fixed", async () => {
    const { url } = await scratch();
    const dir = await migrationsDir({
      "20260101000000_ok": 'CREATE TABLE "Kept" ("id" TEXT);',
      "20260102000000_broken": 'CREATE TABLE "Partial" ("id" TEXT);\nCREATE INDEX "x" ON "Missing"("id");\n',
      "20260103000000_later": 'CREATE TABLE "Later" ("id" TEXT);',
    });

    const error = await migrationError(applyMigrations({ connectionString: url, migrationsDir: dir }));
    expect(error.code).toBe("MIGRATION_FAILED");
    expect(error.migrationName).toBe("20260102000000_broken");
    expect(error.message).toContain('relation "Missing" does not exist');
    expect(await tableExists(url, "Kept")).toBe(true);
    expect(await tableExists(url, "Partial")).toBe(false);
    expect(await tableExists(url, "Later")).toBe(false);
    const attempt = (await history(url)).find((r) => r.migration_name === "20260102000000_broken")!;
    expect(attempt).toMatchObject({ finished_at: null, applied_steps_count: 0 });
    expect(attempt.rolled_back_at).not.toBeNull();
    expect(attempt.logs).toContain("Missing");

    await writeMigration(dir, "20260102000000_broken", 'CREATE TABLE "Partial" ("id" TEXT);\n');
    const retry = await applyMigrations({ connectionString: url, migrationsDir: dir });
    expect(retry.applied).toEqual(["20260102000000_broken", "20260103000000_later"]);
    expect(await tableExists(url, "Partial")).toBe(true);
  });

  it("refuses to continue when an applied migration was edited", async () => {
    const { url } = await scratch();
    const dir = await migrationsDir({ "20260101000000_a": 'CREATE TABLE "A" ("id" TEXT);' });
    await applyMigrations({ connectionString: url, migrationsDir: dir });
    await writeMigration(dir, "20260101000000_a", 'CREATE TABLE "A" ("id" TEXT, "name" TEXT);');
    await writeMigration(dir, "20260102000000_b", 'CREATE TABLE "B" ("id" TEXT);');

    const error = await migrationError(applyMigrations({ connectionString: url, migrationsDir: dir }));
    expect(error.code).toBe("CHECKSUM_MISMATCH");
    expect(error.message).toContain("20260101000000_a");
    expect(await tableExists(url, "B")).toBe(false);
  });

  it("treats a script whose line endings git converted as unchanged", async () => {
    const { url } = await scratch();
    const dir = await migrationsDir({ "20260101000000_a": 'CREATE TABLE "A" (\n  "id" TEXT\n);\n' });
    await applyMigrations({ connectionString: url, migrationsDir: dir });
    await writeMigration(dir, "20260101000000_a", 'CREATE TABLE "A" (\r\n  "id" TEXT\r\n);\r\n');

    expect((await applyMigrations({ connectionString: url, migrationsDir: dir })).applied).toEqual([]);
  });

  it("refuses to continue after a migration that failed without being rolled back", async () => {
    const { url } = await scratch();
    const dir = await migrationsDir({ "20260101000000_a": 'CREATE TABLE "A" ("id" TEXT);' });
    await applyMigrations({ connectionString: url, migrationsDir: dir });
    // What `prisma migrate deploy` leaves behind when a script fails half-way.
    await sql(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at)
       VALUES ('00000000-0000-4000-8000-000000000000', 'x', '20260102000000_b', 'boom', now())`,
      [],
      url,
    );
    await writeMigration(dir, "20260103000000_c", 'CREATE TABLE "C" ("id" TEXT);');

    const error = await migrationError(applyMigrations({ connectionString: url, migrationsDir: dir }));
    expect(error.code).toBe("FAILED_MIGRATION_FOUND");
    expect(error.message).toContain("20260102000000_b");
    expect(error.message).toContain("boom");
    expect(await tableExists(url, "C")).toBe(false);
  });

  it("refuses a schema that has tables but no migration history", async () => {
    const { url } = await scratch();
    await sql('CREATE TABLE "Legacy" ("id" TEXT)', [], url);
    const dir = await migrationsDir({ "20260101000000_a": 'CREATE TABLE "A" ("id" TEXT);' });

    const error = await migrationError(applyMigrations({ connectionString: url, migrationsDir: dir }));
    expect(error.code).toBe("SCHEMA_NOT_EMPTY");
    expect(await tableExists(url, "_prisma_migrations")).toBe(false);
  });

  it("refuses migrations whose lock file names another provider", async () => {
    const { url } = await scratch();
    const dir = await migrationsDir({ "20260101000000_a": 'CREATE TABLE "A" ("id" TEXT);' });
    await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "sqlite"\n');

    expect((await migrationError(applyMigrations({ connectionString: url, migrationsDir: dir }))).code).toBe(
      "PROVIDER_MISMATCH",
    );
  });

  it("lets concurrent runs apply each migration exactly once", async () => {
    const { url } = await scratch();
    const runs = await Promise.all([1, 2, 3].map(() => applyMigrations({ connectionString: url })));

    expect(runs.filter((run) => run.applied.length > 0)).toHaveLength(1);
    const rows = await history(url);
    expect(new Set(rows.map((r) => r.migration_name)).size).toBe(rows.length);
  });
});
