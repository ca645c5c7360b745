// `npm run bench:export`: the export benchmark on its own (issue 6).
//
// Creates a scratch PostgreSQL database, starts Marginalia (`scripts/start.mjs`, port 3310; it builds
// first when the build is stale), seeds one workspace with 100,000 annotations (20 generated articles ×
// 5,000 highlights through the batch route, then entities, review decisions and comments in SQL), and
// downloads the whole workspace in each format (BENCH_EXPORT_RUNS times, default 2) while sampling the
// server's resident memory (every process of its process group, from /proc, every 50 ms). Reports time,
// bytes and the peak RSS growth over the idle server's RSS after a warm-up export, writes
// bench/results/export.json, then stops everything and drops the database.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { signUpAndSignIn, waitForHttp } from "./client.mjs";
import { portIsFree, runToEnd, startGroup, stopAll } from "./processes.mjs";
import { seedExportWorkspace, withClient } from "./seed-workspace.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = path.join(root, "bench", "out");
const PORT = Number(process.env.BENCH_EXPORT_PORT ?? 3310);
const url = `http://127.0.0.1:${PORT}`;
const ARTICLES = Number(process.env.BENCH_EXPORT_ARTICLES ?? 20);
const PER_ARTICLE = Number(process.env.BENCH_EXPORT_PER_ARTICLE ?? 5000);
const FORMATS = (process.env.BENCH_EXPORT_FORMATS ?? "w3c,csv,brat,jsonl,conll,spacy,xlsx").split(",");
const GOAL_MB = 100;
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 2);
const adminUrl = process.env.BENCH_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `marginalia_bench_export_${Date.now()}_${process.pid}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const started = Date.now();
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

let dbCreated = false;
async function cleanup() {
  await stopAll();
  if (dbCreated && process.env.BENCH_EXPORT_KEEP_DB) {
    console.log(`Kept the database: ${databaseUrl}`);
  } else if (dbCreated) {
    await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(
      () => undefined,
    );
  }
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => cleanup().finally(() => process.exit(130)));

/** Resident memory (bytes) of every process in process group `pgid`. */
function groupRss(pgid) {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces) start at ") ".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

/** Samples `pgid`'s RSS every 50 ms until stopped; returns the peak. */
function sampleRss(pgid) {
  let peak = groupRss(pgid);
  const timer = setInterval(() => (peak = Math.max(peak, groupRss(pgid))), 50);
  return { stop: () => (clearInterval(timer), Math.max(peak, groupRss(pgid))) };
}

const mb = (bytes) => Math.round((bytes / 1_000_000) * 10) / 10;

/** Downloads `path` to nowhere; returns bytes, time to first byte and total time. */
async function download(cookie, urlPath) {
  const t0 = performance.now();
  const res = await fetch(`${url}${urlPath}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET ${urlPath}: HTTP ${res.status} ${await res.text()}`);
  const ttfb = performance.now() - t0;
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.byteLength;
  return { bytes, ttfbMs: Math.round(ttfb), totalMs: Math.round(performance.now() - t0) };
}

async function main() {
  if (!(await portIsFree(PORT))) throw new Error(`Port ${PORT} is in use.`);
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: url,
    SEED_DEMO: "false",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(PORT),
  };
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${dbName}"`));
  dbCreated = true;
  log(`Starting Marginalia on ${url} (building first if stale)`);
  const app = startGroup(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env,
    logFile: path.join(outDir, "export-app.log"),
  });
  if (!(await waitForHttp(`${url}/api/auth/csrf`, { timeoutMs: 10 * 60_000, isAlive: app.isAlive }))) {
    throw new Error("Marginalia did not start; see bench/out/export-app.log.");
  }
  const client = await signUpAndSignIn(url, {
    name: "Export Bench",
    email: `export-${randomUUID()}@example.test`,
    password: "bench-password-123",
  });
  log(`Seeding ${ARTICLES} articles × ${PER_ARTICLE} annotations`);
  const seeded = await seedExportWorkspace(client, databaseUrl, { articles: ARTICLES, perArticle: PER_ARTICLE, log });
  log(`Seeded ${seeded.annotations} annotations, ${seeded.comments} comments`);

  const results = [];
  for (const format of FORMATS) {
    // Warm-up: one article in this format loads the route's modules and fills the caches.
    await download(
      client.cookie,
      `/api/workspaces/${seeded.workspaceId}/articles/${seeded.articles[0]}/export?format=${format}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = groupRss(app.child.pid);
    // The same export RUNS times in a row: memory that grew with the export would grow run after run.
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const sampler = sampleRss(app.child.pid);
      const run = await download(client.cookie, `/api/workspaces/${seeded.workspaceId}/export?format=${format}`);
      const peak = sampler.stop();
      runs.push({ ...run, peakRssMb: mb(peak), growthMb: mb(peak - idle) });
    }
    const result = {
      format,
      mb: mb(runs[0].bytes),
      idleRssMb: mb(idle),
      totalMs: runs.map((r) => r.totalMs),
      ttfbMs: runs.map((r) => r.ttfbMs),
      peakRssMb: runs.map((r) => r.peakRssMb),
      growthMb: Math.max(...runs.map((r) => r.growthMb)),
    };
    results.push(result);
    log(
      `${format.padEnd(6)} ${String(result.mb).padStart(5)} MB in ${result.totalMs.map((t) => (t / 1000).toFixed(1)).join(" / ")} s; ` +
        `RSS idle ${result.idleRssMb} MB, peaks ${result.peakRssMb.join(" / ")} MB: +${result.growthMb} MB`,
    );
  }
  // The same pipeline in a plain Node process, without Next.js: what the export itself holds.
  log("The pipeline alone (bench/export-pipeline.ts, in one process without the web server)");
  const pipelineLog = path.join(outDir, "export-pipeline.log");
  const code = await runToEnd(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "bench/export-pipeline.ts"],
    {
      cwd: root,
      env: { ...env, EXPORT_WORKSPACE_ID: seeded.workspaceId, NODE_OPTIONS: "--expose-gc" },
      logFile: pipelineLog,
      timeoutMs: 10 * 60_000,
    },
  );
  const pipelineLine = readFileSync(pipelineLog, "utf8")
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("["))
    .pop();
  const pipeline = code === 0 && pipelineLine ? JSON.parse(pipelineLine) : null;
  for (const p of pipeline ?? []) {
    log(
      `  ${p.format.padEnd(6)} ${(p.ms / 1000).toFixed(1)} s; peak RSS +${p.rssGrowthMb} MB, peak heap +${p.heapGrowthMb} MB, ` +
        `heap after GC +${p.heapAfterGcMb} MB`,
    );
  }
  const output = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg()[0] },
    seeded: { articles: seeded.articles.length, annotations: seeded.annotations, comments: seeded.comments },
    runsPerFormat: RUNS,
    goalMb: GOAL_MB,
    results,
    pipeline,
  };
  mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  writeFileSync(path.join(root, "bench", "results", "export.json"), `${JSON.stringify(output, null, 2)}\n`);
  const worst = Math.max(...results.map((r) => r.growthMb));
  log(`Peak RSS growth ${worst} MB (goal < ${GOAL_MB} MB): ${worst < GOAL_MB ? "met" : "MISSED"}`);
  if (worst >= GOAL_MB) process.exitCode = 1;
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(cleanup);
