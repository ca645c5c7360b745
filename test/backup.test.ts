// `npm run backup` / `npm run restore`: a seeded workspace (articles, revisions, annotations
// incl. orphaned ones, entities, threads, reviews, assignments, API tokens) backed up, its
// database dropped and restored: every table's content is identical, row by row.
import { spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { backupDatabase, listBackups, pruneBackups } from "@/lib/backup/backup-database";
import { BackupError } from "@/lib/backup/pg-tools";
import { restoreDatabase } from "@/lib/backup/restore-database";
import { applyMigrations } from "@/lib/migrate";
import { createScratchDatabase, sql, type ScratchDatabase } from "@/test/db";

const root = path.resolve(__dirname, "..");

function runSeed(url: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join("scripts", "db-seed.ts"), "--if-empty"],
      { cwd: root, env: { ...process.env, DATABASE_URL: url, DATABASE_POOL_MAX: "4" }, stdio: "ignore" },
    );
    child.on("error", reject);
    child.on("close", resolve);
  });
}

/** Every table's row count and the md5 of its rows' text, in order. */
async function checksums(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const tables = await sql<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
    [],
    url,
  );
  const sums: Record<string, { rows: number; md5: string }> = {};
  for (const { name } of tables) {
    const [row] = await sql<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM "${name}" t`,
      [],
      url,
    );
    sums[name] = row;
  }
  return sums;
}

/** Saves a new revision of an annotated article without one annotation's text: that annotation is orphaned. */
async function orphanOneAnnotation(url: string): Promise<void> {
  const [target] = await sql<{
    articleId: string;
    revisionId: string;
    exact: string;
    authorId: string;
    workspaceId: string;
  }>(
    `SELECT a."articleId", a."revisionId", a."exact", a."authorId", a."workspaceId" FROM "Annotation" a
      WHERE a."deletedAt" IS NULL AND length(a."exact") > 3 ORDER BY a."createdAt" LIMIT 1`,
    [],
    url,
  );
  const [revision] = await sql<{ content: unknown }>(
    `SELECT content FROM "ArticleRevision" WHERE id = $1`,
    [target.revisionId],
    url,
  );
  let removed = false;
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node && typeof node === "object") {
      const copy = { ...(node as Record<string, unknown>) };
      if (!removed && typeof copy.text === "string" && copy.text.includes(target.exact)) {
        copy.text = copy.text.replace(target.exact, "");
        removed = true;
      }
      if (copy.content) copy.content = strip(copy.content);
      return copy;
    }
    return node;
  };
  const content = strip(revision.content);
  expect(removed).toBe(true);
  const { reviseArticle } = await import("@/lib/server/articles/revise-article");
  const [owner] = await sql<{ userId: string }>(
    `SELECT "userId" FROM "Membership" WHERE "workspaceId" = $1 AND role = 'OWNER'`,
    [target.workspaceId],
    url,
  );
  const result = await reviseArticle({
    workspaceId: target.workspaceId,
    articleId: target.articleId,
    actorId: owner.userId,
    baseRevisionId: target.revisionId,
    content,
  });
  expect(result.orphaned).toBeGreaterThan(0);
}

async function recreate(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

describe("backup and restore", () => {
  let database: ScratchDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await createScratchDatabase();
    dir = await mkdtemp(path.join(tmpdir(), "marginalia-backups-"));
    await applyMigrations({ connectionString: database.url });
    expect(await runSeed(database.url)).toBe(0);
    // This file's domain calls (lib/db, which connects on first use) go to the scratch database.
    process.env.DATABASE_URL = database.url;
    await orphanOneAnnotation(database.url);
  }, 180_000);

  afterAll(async () => {
    const { db } = await import("@/lib/db");
    await db.$disconnect().catch(() => undefined);
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("restores into a fresh database every table's rows exactly", async () => {
    const before = await checksums(database.url);
    for (const table of [
      "Article",
      "ArticleRevision",
      "Annotation",
      "Entity",
      "EntityType",
      "Comment",
      "Assignment",
      "ApiToken",
      "ActivityEvent",
      "Membership",
    ]) {
      expect(before[table]?.rows, table).toBeGreaterThan(0);
    }
    const orphaned = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Annotation" WHERE "anchorState" = 'ORPHANED'`,
      [],
      database.url,
    );
    expect(orphaned[0].n).toBeGreaterThan(0);
    const reviewed = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Annotation" WHERE "reviewedAt" IS NOT NULL`,
      [],
      database.url,
    );
    expect(reviewed[0].n).toBeGreaterThan(0);

    const backup = await backupDatabase({ connectionString: database.url, dir });
    expect(path.basename(backup.file)).toMatch(/^marginalia-\d{8}T\d{6}Z\.dump$/);
    expect(backup.bytes).toBeGreaterThan(1000);
    expect((await stat(backup.file)).mode & 0o777).toBe(0o600);

    const name = new URL(database.url).pathname.slice(1);
    await recreate(inject("databaseServerUrl"), name);
    expect(await checksums(database.url)).toEqual({});

    const restored = await restoreDatabase({ connectionString: database.url, file: backup.file });
    expect(Object.fromEntries(restored.tables.map((t) => [t.table, t.rows]))).toEqual(
      Object.fromEntries(Object.entries(before).map(([table, sum]) => [table, sum.rows])),
    );
    expect(await checksums(database.url)).toEqual(before);
  });

  it("refuses to restore into a database that is not empty, unless forced", async () => {
    const [backup] = await listBackups(dir);
    const error = await restoreDatabase({ connectionString: database.url, file: backup.file }).catch((err) => err);
    expect(error).toBeInstanceOf(BackupError);
    expect(error.message).toMatch(/^The database is not empty \(\d+ tables/);
    const before = await checksums(database.url);
    await sql(`DELETE FROM "Comment"`, [], database.url).catch(() => undefined);
    const forced = await restoreDatabase({ connectionString: database.url, file: backup.file, force: true });
    expect(forced.tables.length).toBeGreaterThan(0);
    expect(await checksums(database.url)).toEqual(before);
  });

  it("keeps the newest backups only", async () => {
    for (const hour of [1, 2, 3]) {
      await backupDatabase({ connectionString: database.url, dir, at: new Date(Date.UTC(2026, 0, 1, hour)) });
    }
    expect((await listBackups(dir)).length).toBe(4);
    const deleted = await pruneBackups(dir, 2);
    expect(deleted.map((f) => path.basename(f))).toEqual([
      "marginalia-20260101T020000Z.dump",
      "marginalia-20260101T010000Z.dump",
    ]);
    expect((await listBackups(dir)).map((b) => b.at.toISOString())[1]).toBe("2026-01-01T03:00:00.000Z");
  });
});
