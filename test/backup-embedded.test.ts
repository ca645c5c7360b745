// Backups in embedded mode, what most teams run: the embedded PostgreSQL 18 (started as `npm start`
// starts it) has no pg_dump in its npm packages and Debian's pg_dump 15 refuses a newer server, so
// `npm run backup` writes the logical format. A seeded workspace (articles, revisions, annotations
// incl. orphaned ones, entities, relations, threads, reviews, assignments, API tokens, search index)
// backed up, its database dropped and restored on the same server: every table's content is
// identical, row by row. Then the same file restored into the test server (PostgreSQL 15 here):
// 18 → 15, which pg_dump cannot do: every stored value identical; the search index's generated
// columns (tsvector, normalized text) are recomputed by the older server, whose English stemmer
// and unaccent rules differ for a few words ("adding": 'add' on 18, 'ad' on 15), so those are
// compared apart. Also: the `npm run backup` / `npm run restore` commands and the daily schedule
// against the running embedded server.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { backupDatabase, listBackups, type BackupResult } from "@/lib/backup/backup-database";
import { scheduleBackups } from "@/lib/backup/schedule-backups";
import { restoreDatabase, userTables } from "@/lib/backup/restore-database";
import { serverVersion } from "@/lib/backup/backup-database";
import { applyMigrations } from "@/lib/migrate";
import { startEmbeddedDatabase, EMBEDDED_DATABASE, type EmbeddedDatabase } from "@/scripts/embedded-db.mjs";
import {
  checksums,
  expectEveryKindOfContent,
  recreateDatabase,
  seedForBackup,
  type Checksums,
} from "@/test/backup-fixtures";
import { createScratchDatabase, sql, testDatabaseUrl, type ScratchDatabase } from "@/test/db";

let embedded: EmbeddedDatabase;
let folder: string;
let before: Checksums;
let backup: BackupResult;
let older: ScratchDatabase | undefined;

beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), "marginalia-backup-embedded-"));
  embedded = await startEmbeddedDatabase({ dataDir: path.join(folder, "postgres"), ephemeral: true });
  await applyMigrations({ connectionString: embedded.url });
  // Before anything in this file touches lib/db, which connects on first use.
  process.env.DATABASE_URL = embedded.url;
  await seedForBackup(embedded.url);
  before = await checksums(embedded.url);
  await expectEveryKindOfContent(embedded.url, before);
}, 240_000);

afterAll(async () => {
  const { db } = await import("@/lib/db");
  await db.$disconnect().catch(() => undefined);
  await older?.drop();
  await embedded?.stop();
  rmSync(folder, { recursive: true, force: true });
});

it("backs up the embedded PostgreSQL 18 in the logical format, as no fit pg_dump exists", async () => {
  expect((await serverVersion(embedded.url)).major).toBeGreaterThanOrEqual(18);
  delete process.env.BACKUP_FORMAT;
  backup = await backupDatabase({ connectionString: embedded.url, dir: path.join(folder, "backups") });
  expect(backup.format).toBe("logical");
  expect(backup.writtenBy).toMatch(/no pg_dump of PostgreSQL 18 or newer was found/);
  expect(path.basename(backup.file)).toMatch(/^marginalia-\d{8}T\d{6}Z\.logical\.gz$/);
}, 120_000);

it("restores it into the dropped database: every table's rows exactly", async () => {
  await recreateDatabase(embedded.serverUrl, EMBEDDED_DATABASE);
  expect(await userTables(embedded.url)).toEqual([]);
  const restored = await restoreDatabase({ connectionString: embedded.url, file: backup.file });
  expect(Object.fromEntries(restored.tables.map((t) => [t.table, t.rows]))).toEqual(
    Object.fromEntries(Object.entries(before).map(([table, sum]) => [table, sum.rows])),
  );
  expect(await checksums(embedded.url)).toEqual(before);
}, 120_000);

it("restores it into an older server (18 → the test server): every table's rows exactly", async () => {
  older = await createScratchDatabase();
  const target = await serverVersion(testDatabaseUrl());
  const restored = await restoreDatabase({ connectionString: older.url, file: backup.file });
  expect(restored.dumpedBy).toMatch(/^Marginalia logical format 1 of server 18/);
  expect(await checksums(older.url, { storedOnly: true })).toEqual(await checksums(embedded.url, { storedOnly: true }));
  const { SearchEntry: recomputed, ...others } = await checksums(older.url);
  const { SearchEntry: original, ...expected } = before;
  expect(others).toEqual(expected);
  expect(recomputed.rows).toBe(original.rows);
  if (recomputed.md5 !== original.md5) {
    const generated = `SELECT id, document::text, normalized FROM "SearchEntry" ORDER BY id`;
    const [on18, on15] = await Promise.all([sql(generated, [], embedded.url), sql(generated, [], older.url)]);
    const differing = on18.filter((row, i) => JSON.stringify(row) !== JSON.stringify(on15[i]));
    console.log(
      `18 → ${target.text}: ${differing.length} of ${on18.length} search rows' generated columns recomputed differently, e.g.`,
      differing[0],
      on15[on18.indexOf(differing[0])],
    );
    expect(differing.length).toBeLessThan(on18.length / 4);
  }
}, 120_000);

/** `npm run backup` / `npm run restore -- …` as an operator runs them, on this file's embedded server (found running by its data folder). */
function cli(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, MARGINALIA_DATA_DIR: folder, BACKUP_DIR: path.join(folder, "cli") };
  delete env.DATABASE_URL;
  delete env.BACKUP_FORMAT;
  return spawnSync(process.execPath, ["--import", "tsx", path.join("scripts", "backup.ts"), ...args], {
    cwd: path.resolve(__dirname, ".."),
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
}

it("npm run backup and npm run restore work against the running embedded server", async () => {
  const backedUp = cli([]);
  expect(backedUp.stderr).toBe("");
  expect(backedUp.stdout).toMatch(
    /^Backup written: .+\.logical\.gz \(.+ MB, .+ s, Marginalia logical format \(no pg_dump of PostgreSQL 18 or newer was found\), server 18/,
  );
  const [written] = await listBackups(path.join(folder, "cli"));
  expect(written.bytes).toBeGreaterThan(1000);

  const refused = cli(["--restore", written.file]);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toMatch(/^The database is not empty/);

  await recreateDatabase(embedded.serverUrl, EMBEDDED_DATABASE);
  const restored = cli(["--restore", written.file]);
  expect(restored.status).toBe(0);
  expect(restored.stdout).toMatch(/^Annotation\s+\d+$/m);
  expect(restored.stdout).toMatch(/^SearchEntry\s+\d+$/m);
  expect(restored.stdout).toMatch(
    /Restored .+ \(made by Marginalia logical format 1 of server 18.+\): \d+ tables, \d+ rows/,
  );
  expect(await checksums(embedded.url)).toEqual(before);
}, 240_000);

it("the embedded mode's schedule takes logical backups and keeps the newest", async () => {
  const dir = path.join(folder, "scheduled");
  const lines: string[] = [];
  const results: BackupResult[] = [];
  const stop = scheduleBackups({
    connectionString: embedded.url,
    dir,
    intervalMs: 1000,
    keep: 2,
    minDelayMs: 200,
    log: (line) => lines.push(line),
    onBackup: (result) => results.push(result),
  });
  try {
    await expect.poll(() => results.length, { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(3);
  } finally {
    stop();
  }
  expect(results.every((r) => r.format === "logical")).toBe(true);
  expect(lines[0]).toMatch(/^Scheduled backup written: .+\.logical\.gz \(.+ MB, logical format\)$/);
  // What the settings page shows (lib/server/backups/find-last-backup.ts reads the same list).
  const kept = await listBackups(dir);
  expect(kept.length).toBeLessThanOrEqual(2);
  expect(kept[0].file).toBe(results.at(-1)?.file);
}, 120_000);
