// `npm run backup` / `npm run restore` on the test server (PostgreSQL 15 here): a seeded workspace
// (articles, revisions, annotations incl. orphaned ones, entities, relations, threads, reviews,
// assignments, API tokens, search index) backed up in both formats, its database dropped and
// restored: every table's content is identical, row by row. Then what restore refuses.
// test/backup-embedded.test.ts does the same against the embedded PostgreSQL 18, and 18 → 15.
import { cp, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { backupDatabase, listBackups, pruneBackups } from "@/lib/backup/backup-database";
import { frame, magicLine, readFrames } from "@/lib/backup/logical-format";
import { readLogicalManifest } from "@/lib/backup/logical-restore";
import { BackupError } from "@/lib/backup/pg-tools";
import { restoreDatabase } from "@/lib/backup/restore-database";
import { applyMigrations, readMigrations } from "@/lib/migrate";
import { createScratchDatabase, sql, uniqueSuffix, type ScratchDatabase } from "@/test/db";
import {
  checksums,
  expectEveryKindOfContent,
  recreateDatabase,
  seedForBackup,
  tableNames,
  type Checksums,
} from "@/test/backup-fixtures";

function flipByte(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] ^= 0xff;
  return copy;
}

describe("backup and restore", () => {
  let database: ScratchDatabase;
  let empty: ScratchDatabase;
  let dir: string;
  let before: Checksums;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    database = await createScratchDatabase();
    empty = await createScratchDatabase();
    dir = await mkdtemp(path.join(tmpdir(), "marginalia-backups-"));
    await applyMigrations({ connectionString: database.url });
    // This file's domain calls (lib/db, which connects on first use) go to the scratch database.
    process.env.DATABASE_URL = database.url;
    await seedForBackup(database.url);
    before = await checksums(database.url);
    await expectEveryKindOfContent(database.url, before);
  }, 180_000);

  afterAll(async () => {
    const { db } = await import("@/lib/db");
    await db.$disconnect().catch(() => undefined);
    await database?.drop();
    await empty?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(["pgdump", "logical"] as const)(
    "%s format: restores into a fresh database every table's rows exactly",
    async (format) => {
      const backup = await backupDatabase({ connectionString: database.url, dir, format });
      files[format] = backup.file;
      expect(backup.format).toBe(format);
      expect(path.basename(backup.file)).toMatch(
        format === "pgdump" ? /^marginalia-\d{8}T\d{6}Z\.dump$/ : /^marginalia-\d{8}T\d{6}Z\.logical\.gz$/,
      );
      expect(backup.bytes).toBeGreaterThan(1000);
      expect((await stat(backup.file)).mode & 0o777).toBe(0o600);

      const name = new URL(database.url).pathname.slice(1);
      await recreateDatabase(inject("databaseServerUrl"), name);
      expect(await checksums(database.url)).toEqual({});

      const restored = await restoreDatabase({ connectionString: database.url, file: backup.file });
      expect(restored.format).toBe(format);
      expect(Object.fromEntries(restored.tables.map((t) => [t.table, t.rows]))).toEqual(
        Object.fromEntries(Object.entries(before).map(([table, sum]) => [table, sum.rows])),
      );
      expect(await checksums(database.url)).toEqual(before);
    },
    120_000,
  );

  it("logical format: the manifest records the server, the migrations and every table's rows", async () => {
    const manifest = await readLogicalManifest(files.logical);
    expect(manifest.format).toBe("marginalia-logical");
    expect(manifest.serverVersion).toMatch(/^\d+/);
    expect(manifest.migrations.map((m) => m.name)).toEqual((await readMigrations()).map((m) => m.name));
    expect(Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]))).toEqual(
      Object.fromEntries(Object.entries(before).map(([table, sum]) => [table, sum.rows])),
    );
    // Generated columns are not written: the restore computes them.
    const search = manifest.tables.find((t) => t.name === "SearchEntry");
    expect(search?.columns).not.toContain("document");
    expect(manifest.sequences.map((s) => s.name)).toContain("LiveEvent_seq_seq");
  });

  it("logical format: the restored database keeps working (sequences, triggers, foreign keys)", async () => {
    const [seq] = await sql<{ max: string }>(`SELECT max(seq)::text AS max FROM "LiveEvent"`, [], database.url);
    const [article] = await sql<{ id: string; workspaceId: string; title: string }>(
      `SELECT id, "workspaceId", title FROM "Article" ORDER BY id LIMIT 1`,
      [],
      database.url,
    );
    // The search trigger is back on, and the live-event sequence continues after the restored rows.
    await sql(`UPDATE "Article" SET title = 'Zanzibarian restored title' WHERE id = $1`, [article.id], database.url);
    const found = await sql(
      `SELECT 1 FROM "SearchEntry" WHERE "articleId" = $1 AND kind = 'article' AND body = 'Zanzibarian restored title'`,
      [article.id],
      database.url,
    );
    expect(found.length).toBe(1);
    await sql(`UPDATE "Article" SET title = $2 WHERE id = $1`, [article.id, article.title], database.url);
    const [next] = await sql<{ seq: string }>(
      `INSERT INTO "LiveEvent" ("workspaceId", "type", "data") VALUES ($1, 'test', '{}') RETURNING seq::text`,
      [article.workspaceId],
      database.url,
    );
    expect(BigInt(next.seq)).toBeGreaterThan(BigInt(seq.max));
    await sql(`DELETE FROM "LiveEvent" WHERE seq = $1`, [next.seq], database.url);
    const broken = await sql(
      `UPDATE "Annotation" SET "articleId" = 'nope' WHERE id = (SELECT min(id) FROM "Annotation")`,
      [],
      database.url,
    ).catch((err) => err);
    expect(broken).toBeInstanceOf(Error);
    expect((broken as Error).message).toMatch(/foreign key/);
  });

  it.each(["pgdump", "logical"] as const)(
    "%s format: refuses a database that is not empty, unless forced",
    async (format) => {
      const error = await restoreDatabase({ connectionString: database.url, file: files[format] }).catch((err) => err);
      expect(error).toBeInstanceOf(BackupError);
      expect(error.message).toMatch(/^The database is not empty \(\d+ tables/);
      await sql(`DELETE FROM "Comment" WHERE id IN (SELECT id FROM "Comment" LIMIT 1)`, [], database.url);
      expect(await checksums(database.url)).not.toEqual(before);
      const forced = await restoreDatabase({ connectionString: database.url, file: files[format], force: true });
      expect(forced.tables.length).toBeGreaterThan(0);
      expect(await checksums(database.url)).toEqual(before);
    },
    120_000,
  );

  it("logical format: restores as a user that is no superuser, owning only its database", async () => {
    const role = `marginalia_restorer_${uniqueSuffix()}`;
    const serverUrl = inject("databaseServerUrl");
    await sql(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`, [], serverUrl);
    await sql(`CREATE DATABASE ${role} OWNER ${role}`, [], serverUrl);
    try {
      const url = Object.assign(new URL(serverUrl), { username: role, password: "", pathname: `/${role}` }).toString();
      const [who] = await sql<{ superuser: boolean }>(
        `SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
        [],
        url,
      );
      expect(who.superuser).toBe(false);
      await restoreDatabase({ connectionString: url, file: files.logical });
      expect(await checksums(url)).toEqual(before);
    } finally {
      await sql(`DROP DATABASE IF EXISTS ${role} WITH (FORCE)`, [], serverUrl);
      await sql(`DROP ROLE IF EXISTS ${role}`, [], serverUrl);
    }
  }, 120_000);

  it("logical format: a truncated or damaged file is refused with a clear error and nothing written", async () => {
    const whole = await readFile(files.logical);
    const broken = {
      "cut in half": whole.subarray(0, Math.floor(whole.length / 2)),
      "cut before its end frame": gzipSync(gunzipSync(whole).subarray(0, gunzipSync(whole).length - 4)),
      "with a flipped byte": flipByte(whole, Math.floor(whole.length / 2)),
      "of another format": gzipSync(Buffer.from("hello\n")),
    };
    for (const [what, bytes] of Object.entries(broken)) {
      const file = path.join(dir, `broken-${what.replace(/\W+/g, "-")}.logical.gz`);
      await writeFile(file, bytes);
      const error = await restoreDatabase({ connectionString: empty.url, file }).catch((err) => err);
      expect(error, what).toBeInstanceOf(BackupError);
      expect(error.message, what).toMatch(/is not a complete Marginalia backup: .+\. Nothing was restored\.$/);
      expect(await tableNames(empty.url), what).toEqual([]);
      await rm(file);
    }
    const notBackup = path.join(dir, "notes.txt");
    await writeFile(notBackup, "just some text");
    await expect(restoreDatabase({ connectionString: empty.url, file: notBackup })).rejects.toThrow(
      /is not a Marginalia backup/,
    );
    await rm(notBackup);
  }, 120_000);

  it("logical format: rows that break a foreign key are refused after the schema was made, and the database is left empty", async () => {
    // An intact file (gzip checksum, row counts) whose first annotation names an article that does not exist.
    const out: Buffer[] = [magicLine()];
    let columns: string[] = [];
    let current = "";
    let changed = false;
    async function* input() {
      yield gunzipSync(await readFile(files.logical));
    }
    for await (const { kind, payload } of readFrames(input())) {
      if (kind === "M")
        columns = JSON.parse(payload.toString()).tables.find((t: { name: string }) => t.name === "Annotation").columns;
      if (kind === "T") current = payload.toString();
      if (kind === "D" && current === "Annotation" && !changed) {
        const lines = payload.toString("utf8").split("\n");
        const fields = lines[0].split("\t");
        fields[columns.indexOf("articleId")] = "no-such-article";
        lines[0] = fields.join("\t");
        out.push(frame("D", lines.join("\n")));
        changed = true;
        continue;
      }
      out.push(frame(kind, payload));
    }
    expect(changed).toBe(true);
    const file = path.join(dir, "dangling.logical.gz");
    await writeFile(file, gzipSync(Buffer.concat(out)));
    const error = await restoreDatabase({ connectionString: empty.url, file }).catch((err) => err);
    expect(error).toBeInstanceOf(BackupError);
    expect(error.message).toMatch(
      /break foreign key "?Annotation_articleId_fkey.+Nothing was restored: the database is empty\.$/s,
    );
    expect(await tableNames(empty.url)).toEqual([]);
    await rm(file);
  }, 120_000);

  it("logical format: a backup from an older version restores with its own schema, and migrating brings it up to date", async () => {
    const all = await readMigrations();
    const olderDir = await mkdtemp(path.join(tmpdir(), "marginalia-older-migrations-"));
    const source = await createScratchDatabase();
    const target = await createScratchDatabase();
    try {
      await cp(path.join("prisma", "migrations", "migration_lock.toml"), path.join(olderDir, "migration_lock.toml"));
      for (const m of all.slice(0, -2))
        await cp(path.join("prisma", "migrations", m.name), path.join(olderDir, m.name), { recursive: true });
      await applyMigrations({ connectionString: source.url, migrationsDir: olderDir });
      await sql(
        `INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('older-user', 'older@example.test', 'Older', now())`,
        [],
        source.url,
      );
      const backup = await backupDatabase({ connectionString: source.url, dir: olderDir, format: "logical" });
      await restoreDatabase({ connectionString: target.url, file: backup.file });
      const applied = await sql<{ name: string }>(
        `SELECT migration_name AS name FROM _prisma_migrations ORDER BY migration_name`,
        [],
        target.url,
      );
      expect(applied.map((r) => r.name)).toEqual(all.slice(0, -2).map((m) => m.name));
      const upgraded = await applyMigrations({ connectionString: target.url });
      expect(upgraded.applied).toEqual(all.slice(-2).map((m) => m.name));
      expect(await sql(`SELECT email FROM "User" WHERE id = 'older-user'`, [], target.url)).toEqual([
        { email: "older@example.test" },
      ]);
    } finally {
      await source.drop();
      await target.drop();
      await rm(olderDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("keeps the newest backups only, of either format", async () => {
    for (const hour of [1, 2, 3]) {
      await backupDatabase({
        connectionString: database.url,
        dir,
        at: new Date(Date.UTC(2026, 0, 1, hour)),
        format: hour === 2 ? "logical" : "pgdump",
      });
    }
    expect((await listBackups(dir)).length).toBe(5);
    const deleted = await pruneBackups(dir, 2);
    expect(deleted.map((f) => path.basename(f))).toEqual([
      "marginalia-20260101T030000Z.dump",
      "marginalia-20260101T020000Z.logical.gz",
      "marginalia-20260101T010000Z.dump",
    ]);
    expect((await listBackups(dir)).length).toBe(2);
  });
});
