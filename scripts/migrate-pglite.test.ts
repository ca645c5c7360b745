import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { applyMigrations, readMigrations } from "@/lib/migrate";
import { createScratchDatabase, sql, type ScratchDatabase } from "@/test/db";
import { migrateFromPglite } from "./migrate-pglite.mjs";

// PGlite (WebAssembly) takes seconds to open, and each test opens it twice.
vi.setConfig({ testTimeout: 180_000 });

let folder: string;
let target: ScratchDatabase;

beforeEach(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), "marginalia-pglite-"));
  target = await createScratchDatabase();
});

afterEach(async () => {
  await target.drop();
  rmSync(folder, { recursive: true, force: true });
});

/** An embedded database as an earlier Marginalia left it: the first `migrations` applied by our runner's rules, some work in it. */
async function earlierPgliteDatabase(migrations: number): Promise<string> {
  const dir = path.join(folder, "pglite");
  const db = await PGlite.create({ dataDir: dir });
  await db.exec(`CREATE TABLE _prisma_migrations (
    id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ,
    migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`);
  for (const migration of (await readMigrations()).slice(0, migrations)) {
    await db.exec(migration.script);
    await db.query(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count)
       VALUES ($1, $2, now(), $3, 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
  }
  await db.exec(`
    INSERT INTO "User" (id, email, name, "updatedAt") VALUES
      ('u1', 'ada@example.test', 'Ada “Quotes” Lovelace', '2026-01-02 03:04:05.678'),
      ('u2', 'kabir@example.test', 'كبير', now());
    INSERT INTO "Workspace" (id, name, "createdById", "updatedAt") VALUES ('w1', 'Desk', 'u1', now());
    INSERT INTO "Membership" (id, "workspaceId", "userId", role, "updatedAt") VALUES ('m1', 'w1', 'u1', 'OWNER', now()), ('m2', 'w1', 'u2', 'ANALYST', now());
    INSERT INTO "Article" (id, "workspaceId", title, authors, "publishedAt", "importedById", "currentRevisionId", "updatedAt")
      VALUES ('a1', 'w1', 'Kābul, again', ARRAY['One', 'Two, with a comma'], '2021-09-30', 'u1', NULL, now());
    INSERT INTO "ArticleRevision" (id, "workspaceId", "articleId", number, content, text, "authorId")
      VALUES ('r1', 'w1', 'a1', 1, '{"type":"doc","content":[{"type":"paragraph"}]}', E'Line one\\nكتاب 😀', 'u1');
    UPDATE "Article" SET "currentRevisionId" = 'r1' WHERE id = 'a1';
  `);
  // More rows than one batch of the copy.
  await db.exec(`INSERT INTO "ActivityEvent" (id, "workspaceId", "actorId", action, data)
    SELECT 'e' || n, 'w1', 'u1', 'article.imported', jsonb_build_object('n', n) FROM generate_series(1, 4500) n`);
  await db.close();
  return dir;
}

it("copies an earlier PGlite database with every row, value and history entry, and the app's runner takes over", async () => {
  const pgliteDir = await earlierPgliteDatabase(3);

  const result = await migrateFromPglite({ pgliteDir, targetUrl: target.url });

  const users = await sql(`SELECT id, email, name, "updatedAt" FROM "User" ORDER BY id`, [], target.url);
  expect(users).toEqual([
    { id: "u1", email: "ada@example.test", name: "Ada “Quotes” Lovelace", updatedAt: expect.any(Date) },
    { id: "u2", email: "kabir@example.test", name: "كبير", updatedAt: expect.any(Date) },
  ]);
  const [article] = await sql(
    `SELECT a.title, a.authors, a."publishedAt"::text AS published, r.text, r.content
       FROM "Article" a JOIN "ArticleRevision" r ON r.id = a."currentRevisionId"`,
    [],
    target.url,
  );
  expect(article).toEqual({
    title: "Kābul, again",
    authors: ["One", "Two, with a comma"],
    published: "2021-09-30",
    text: "Line one\nكتاب 😀",
    content: { type: "doc", content: [{ type: "paragraph" }] },
  });
  expect(result.counts.User).toBe(2);
  expect(result.counts.ActivityEvent).toBe(4500);
  expect(await sql(`SELECT sum((data->>'n')::int)::int AS total FROM "ActivityEvent"`, [], target.url)).toEqual([
    { total: (4500 * 4501) / 2 },
  ]);
  expect(result.counts.Membership).toBe(2);
  expect(result.rows).toBe(Object.values(result.counts).reduce((a, b) => a + b, 0));

  const history = await sql<{ migration_name: string }>(
    "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name",
    [],
    target.url,
  );
  const all = await readMigrations();
  expect(history.map((h) => h.migration_name)).toEqual(all.slice(0, 3).map((m) => m.name));

  // The app's next step at start: the later migrations apply on top of the copied data.
  const { applied } = await applyMigrations({ connectionString: target.url });
  expect(applied).toEqual(all.slice(3).map((m) => m.name));
  expect(await sql(`SELECT count(*)::int AS n FROM "Membership"`, [], target.url)).toEqual([{ n: 2 }]);
});

it("carries the sequences on, so new rows never reuse a copied number", async () => {
  const pgliteDir = await earlierPgliteDatabase(3);
  const db = await PGlite.create({ dataDir: pgliteDir });
  await db.exec(
    `INSERT INTO "LiveEvent" ("workspaceId", type, data) SELECT 'w1', 'presence.changed', '{}' FROM generate_series(1, 2500)`,
  );
  await db.close();

  await migrateFromPglite({ pgliteDir, targetUrl: target.url });

  expect(await sql(`SELECT count(*)::int AS n, max(seq)::int AS top FROM "LiveEvent"`, [], target.url)).toEqual([
    { n: 2500, top: 2500 },
  ]);
  const [next] = await sql<{ seq: string }>(
    `INSERT INTO "LiveEvent" ("workspaceId", type, data) VALUES ('w1', 'presence.changed', '{}') RETURNING seq::text`,
    [],
    target.url,
  );
  expect(Number(next.seq)).toBe(2501);
});

it("rolls the whole copy back, and leaves the PGlite folder as it was, when a row is refused", async () => {
  const pgliteDir = await earlierPgliteDatabase(3);
  // A target that refuses one of the rows (a unique name it already has).
  await applyMigrations({ connectionString: target.url, migrationsDir: await firstMigrations(1) });
  await sql(`CREATE UNIQUE INDEX "User_name_key" ON "User" (name)`, [], target.url);
  await sql(
    `INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('x', 'x@example.test', 'كبير', now())`,
    [],
    target.url,
  );

  await expect(migrateFromPglite({ pgliteDir, targetUrl: target.url })).rejects.toThrow();

  expect(await sql(`SELECT id FROM "User"`, [], target.url)).toEqual([{ id: "x" }]);
  const db = await PGlite.create({ dataDir: pgliteDir });
  expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "User"`)).rows).toEqual([{ n: 2 }]);
  await db.close();
});

async function firstMigrations(n: number): Promise<string> {
  const { cpSync } = await import("node:fs");
  const dir = path.join(folder, "migrations");
  for (const migration of (await readMigrations()).slice(0, n)) {
    cpSync(path.dirname(migration.path), path.join(dir, migration.name), { recursive: true });
  }
  return dir;
}
