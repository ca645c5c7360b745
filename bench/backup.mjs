// `npm run bench:backup`: backup and restore of a 100,000-annotation workspace (issue 17).
//
// Creates a scratch database on BENCH_PG_URL (127.0.0.1:5432), applies the migrations, writes in SQL
// one workspace of 20 generated articles (12,000 words each) × 5,000 highlights (a third tagged with
// one of 30 entities, half reviewed) — the data of `npm run bench:export`, written directly since only
// its size matters here — then, for each format (pg_dump custom format when a fit pg_dump is found,
// and Marginalia's logical format), times `npm run backup`'s function and a restore into a fresh
// database, reports the file's size and the process's peak RSS and heap (sampled every 20 ms), and
// drops the databases. BENCH_BACKUP_SERVER=embedded runs it all on the embedded PostgreSQL 18
// (where only the logical format exists). Peak heap includes garbage; `node --max-old-space-size=N bench/backup.mjs` shows the work fits in N MB.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { tsImport } from "tsx/esm/api";
import { generateAnnotations, generateArticle } from "./generate-article.mjs";

const ARTICLES = Number(process.env.BENCH_BACKUP_ARTICLES ?? 20);
const PER_ARTICLE = Number(process.env.BENCH_BACKUP_PER_ARTICLE ?? 5000);
const { startEmbeddedDatabase } = await import("../scripts/embedded-db.mjs");
const embedded =
  process.env.BENCH_BACKUP_SERVER === "embedded" ? await startEmbeddedDatabase({ ephemeral: true }) : null;
const adminUrl = embedded?.serverUrl ?? (process.env.BENCH_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres");
const stamp = Date.now();
const names = [
  `marginalia_bench_backup_${stamp}`,
  `marginalia_bench_restore_${stamp}`,
  `marginalia_bench_restore2_${stamp}`,
];
const urlOf = (name) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

const { applyMigrations } = await tsImport("../lib/migrate/index.ts", import.meta.url);
const { backupDatabase } = await tsImport("../lib/backup/backup-database.ts", import.meta.url);
const { restoreDatabase } = await tsImport("../lib/backup/restore-database.ts", import.meta.url);

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The process's memory now (the heap includes garbage not yet collected: cap it with --max-old-space-size to see what is held). */
function measure() {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}
const max = (a, b) => ({ rss: Math.max(a.rss, b.rss), heapUsed: Math.max(a.heapUsed, b.heapUsed) });
const describe = (m) => `RSS ${(m.rss / 1e6).toFixed(0)} MB, heap ${(m.heapUsed / 1e6).toFixed(0)} MB`;

let n = 0;
const id = () => `b${(n++).toString(36).padStart(23, "0")}`;

const dir = mkdtempSync(path.join(os.tmpdir(), "marginalia-bench-backup-"));
try {
  for (const name of names) await admin(`CREATE DATABASE "${name}"`);
  const source = urlOf(names[0]);
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
    `INSERT INTO "Workspace" (id, name, "createdById", "updatedAt") VALUES ($1, 'Backup bench', $2, now())`,
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
  const { rows: size } = await client.query(`SELECT pg_database_size(current_database())::bigint AS bytes`);
  await client.end();
  console.log(
    `Seeded ${counted[0].n} annotations in ${ARTICLES} articles; database size ${(Number(size[0].bytes) / 1e6).toFixed(0)} MB`,
  );

  const { findPgTool } = await tsImport("../lib/backup/pg-tools.ts", import.meta.url);
  const { serverVersion } = await tsImport("../lib/backup/backup-database.ts", import.meta.url);
  const major = (await serverVersion(source)).major;
  const hasPgDump = await findPgTool("pg_dump", major).then(
    () => true,
    () => false,
  );
  const formats = hasPgDump ? ["pgdump", "logical"] : ["logical"];
  for (const [i, format] of formats.entries()) {
    let peak = measure();
    const sampler = setInterval(() => (peak = max(peak, measure())), 20);
    const backup = await backupDatabase({ connectionString: source, dir, format });
    const backupPeak = peak;
    peak = measure();
    const restored = await restoreDatabase({ connectionString: urlOf(names[1 + i]), file: backup.file });
    clearInterval(sampler);
    const annotations = restored.tables.find((t) => t.table === "Annotation")?.rows;
    console.log(
      `${format} backup:  ${(backup.ms / 1000).toFixed(1)} s, ${(backup.bytes / 1e6).toFixed(1)} MB (${backup.writtenBy}, server ${backup.serverVersion}); peak ${describe(backupPeak)}`,
    );
    console.log(
      `${format} restore: ${(restored.ms / 1000).toFixed(1)} s (${annotations} annotations, ${restored.tables.length} tables, row counts included); peak ${describe(peak)}`,
    );
  }
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  for (const name of names) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  await embedded?.stop();
}
