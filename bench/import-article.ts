// Import time of a long article with the search index in place (issue 14):
// importArticle — parsing the text, the article and its revision, and the
// triggers that index its title and every paragraph in the same transaction —
// for the API benchmark's 50,019-word article, on a scratch database; then
// the same with the search trigger off, to tell the index's share from the rest.
//
//   npm run bench:import
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
// @ts-expect-error: a JavaScript module of the benchmarks
import { generateArticle } from "./generate-article.mjs";

const admin = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const RUNS = 5;

async function main() {
  const dbName = `marginalia_import_bench_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${dbName}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${dbName}`;
  process.env.DATABASE_URL = url.toString();
  const { applyMigrations } = await import("@/lib/migrate");
  await applyMigrations({ connectionString: url.toString() });
  const { db } = await import("@/lib/db");
  const { importArticle } = await import("@/lib/server/articles/import-article");
  await db.$executeRaw`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('iu', 'import@bench.local', 'Importer', now())`;
  await db.$executeRaw`INSERT INTO "Workspace" (id, name, "createdById", "updatedAt") VALUES ('iws', 'Import bench', 'iu', now())`;
  await db.$executeRaw`INSERT INTO "Membership" (id, "workspaceId", "userId", role, "updatedAt") VALUES ('im', 'iws', 'iu', 'OWNER', now())`;
  const article = generateArticle() as { text: string; words: number; title: string };
  const measure = async (label: string) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await importArticle({
        workspaceId: "iws",
        actorId: "iu",
        metadata: { title: `${article.title} ${label} ${i}` },
        upload: { text: article.text, format: "text" },
      } as Parameters<typeof importArticle>[0]);
      times.push(performance.now() - t);
    }
    return times;
  };
  const times = await measure("indexed");
  const [{ passages }] = await db.$queryRaw<[{ passages: number }]>`
    SELECT count(*)::int AS passages FROM "SearchEntry" WHERE kind = 'passage'`;
  await db.$executeRaw`ALTER TABLE "Article" DISABLE TRIGGER "Article_search"`;
  const bare = await measure("bare");
  await db.$executeRaw`ALTER TABLE "Article" ENABLE TRIGGER "Article_search"`;
  const median = (list: number[]) => Math.round([...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]);
  const sorted = [...times].sort((a, b) => a - b);
  const result = {
    date: new Date().toISOString(),
    words: article.words,
    characters: article.text.length,
    passagesPerArticle: passages / RUNS,
    runsMs: times.map(Math.round),
    medianMs: Math.round(sorted[Math.floor(RUNS / 2)]),
    maxMs: Math.round(sorted[RUNS - 1]),
    withoutIndexRunsMs: bare.map(Math.round),
    withoutIndexMedianMs: median(bare),
    goalMs: 2000,
    loadAverage: os.loadavg(),
  };
  console.log(JSON.stringify(result, null, 2));
  writeFileSync(path.join(__dirname, "results", "latest-import.json"), JSON.stringify(result, null, 2));
  await db.$disconnect();
  const drop = new pg.Client({ connectionString: admin });
  await drop.connect();
  await drop.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await drop.end();
  process.exit(0);
}

void main();
