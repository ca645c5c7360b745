// `npm run bench:archive`: workspace archive export and import of a 100,000-annotation workspace (issue 17).
//
// Creates a scratch database on BENCH_PG_URL (127.0.0.1:5432), applies the migrations, writes in SQL the
// workspace of `npm run bench:backup` (20 generated articles of 12,000 words × 5,000 highlights, a third
// tagged, half reviewed), then times the archive download (streamed to a file) and its import as a new
// workspace, sampling the process's resident memory every 20 ms. Drops the database.
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { tsImport } from "tsx/esm/api";
import { generateAnnotations, generateArticle } from "./generate-article.mjs";

const ARTICLES = Number(process.env.BENCH_ARCHIVE_ARTICLES ?? 20);
const PER_ARTICLE = Number(process.env.BENCH_ARCHIVE_PER_ARTICLE ?? 5000);
const adminUrl = process.env.BENCH_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `marginalia_bench_archive_${Date.now()}`;
const source = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
process.env.DATABASE_URL = source;
process.env.DATABASE_POOL_MAX = "4";

const { applyMigrations } = await tsImport("../lib/migrate/index.ts", import.meta.url);

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs `fn`, sampling resident memory; returns its result, the time and the peak above the start. */
async function measured(fn) {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - started, base, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
let n = 0;
const id = () => `b${(n++).toString(36).padStart(23, "0")}`;

const dir = mkdtempSync(path.join(os.tmpdir(), "marginalia-bench-archive-"));
try {
  await admin(`CREATE DATABASE "${name}"`);
  await applyMigrations({ connectionString: source });
  const client = new pg.Client({ connectionString: source });
  client.on("error", () => {});
  await client.connect();
  const userId = id();
  const workspaceId = id();
  await client.query(
    `INSERT INTO "User" (id, email, name, "updatedAt") VALUES ($1, 'bench@example.test', 'Bench', now())`,
    [userId],
  );
  await client.query(
    `INSERT INTO "Workspace" (id, name, "createdById", "updatedAt") VALUES ($1, 'Archive bench', $2, now())`,
    [workspaceId, userId],
  );
  await client.query(
    `INSERT INTO "Membership" (id, "workspaceId", "userId", role, "updatedAt") VALUES ($1, $2, $3, 'OWNER', now())`,
    [id(), workspaceId, userId],
  );
  const typeId = id();
  await client.query(
    `INSERT INTO "EntityType" (id, "workspaceId", name, color, "updatedAt") VALUES ($1, $2, 'Person', '#888888', now())`,
    [typeId, workspaceId],
  );
  const entities = Array.from({ length: 30 }, () => id());
  for (const [i, e] of entities.entries())
    await client.query(
      `INSERT INTO "Entity" (id, "workspaceId", "typeId", name, "updatedAt") VALUES ($1, $2, $3, $4, now())`,
      [e, workspaceId, typeId, `Entity ${i}`],
    );
  for (let a = 0; a < ARTICLES; a++) {
    const { text } = generateArticle({ words: 12_000, seed: 100 + a });
    const articleId = id();
    const revisionId = id();
    const content = {
      type: "doc",
      content: text.split("\n\n").map((p) => ({ type: "paragraph", content: [{ type: "text", text: p }] })),
    };
    await client.query(
      `INSERT INTO "Article" (id, "workspaceId", title, "importedById", "updatedAt") VALUES ($1, $2, $3, $4, now())`,
      [articleId, workspaceId, `Article ${a + 1}`, userId],
    );
    await client.query(
      `INSERT INTO "ArticleRevision" (id, "workspaceId", "articleId", number, content, text, "authorId") VALUES ($1, $2, $3, 1, $4, $5, $6)`,
      [revisionId, workspaceId, articleId, content, text, userId],
    );
    await client.query(`UPDATE "Article" SET "currentRevisionId" = $1 WHERE id = $2`, [revisionId, articleId]);
    const spans = generateAnnotations(text, PER_ARTICLE, { seed: a });
    const rows = spans.map((s, i) => [
      id(),
      s.start,
      s.end,
      s.exact,
      text.slice(Math.max(0, s.start - 32), s.start),
      text.slice(s.end, s.end + 32),
      i % 3 === 0 ? entities[i % 30] : null,
      i % 2 === 0 ? "ACCEPTED" : "PROPOSED",
    ]);
    await client.query(
      `INSERT INTO "Annotation" (id, "workspaceId", "articleId", "revisionId", "authorId", start, "end", exact, prefix, suffix, "entityId", status, "updatedAt")
       SELECT r.id, $1, $2, $3, $4, r.s, r.e, r.exact, r.prefix, r.suffix, r.entity, r.status::"AnnotationStatus", now()
         FROM unnest($5::text[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) AS r(id, s, e, exact, prefix, suffix, entity, status)`,
      [workspaceId, articleId, revisionId, userId, ...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => rows.map((r) => r[k]))],
    );
  }
  const { rows: counted } = await client.query(`SELECT count(*)::int AS n FROM "Annotation"`);
  await client.end();
  console.log(`Seeded ${counted[0].n} annotations in ${ARTICLES} articles`);

  // Imported only now: `server-only` resolves to nothing under --conditions=react-server (see package.json).
  const { exportWorkspaceArchive } = await import("../lib/server/archive/export-workspace-archive.ts");
  const { importWorkspaceArchive } = await import("../lib/server/archive/import-workspace-archive.ts");
  const file = path.join(dir, "archive.zip");
  const exported = await measured(async () => {
    const archive = await exportWorkspaceArchive({ workspaceId });
    await pipeline(archive.body, createWriteStream(file));
  });
  console.log(
    `export: ${(exported.ms / 1000).toFixed(1)} s, ${(statSync(file).size / 1e6).toFixed(1)} MB zip, RSS ${mb(exported.base)} → peak ${mb(exported.peak)}`,
  );
  const imported = await measured(() => importWorkspaceArchive({ userId, path: file }));
  console.log(
    `import: ${(imported.ms / 1000).toFixed(1)} s (${imported.result.counts.annotations} annotations), RSS ${mb(imported.base)} → peak ${mb(imported.peak)}`,
  );
  const { db } = await import("../lib/db.ts");
  await db.$disconnect();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
