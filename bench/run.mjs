// `npm run bench`: the benchmarks of the Annotate feature, end to end, in one command.
//
// Creates a scratch PostgreSQL database, starts Marginalia on it (`node scripts/start.mjs`,
// which builds first when the build is stale), seeds a user, a workspace and articles with
// 0, 1,000 and 5,000 highlights through the API, runs the reader benchmark (bench/reader.mjs)
// and the API benchmark (bench/api.mjs), prints a table, writes bench/results/latest.json,
// then stops everything and drops the database. All traffic stays on 127.0.0.1.
//
// Environment: BENCH_PG_URL (postgresql://postgres@127.0.0.1:5432/postgres), the server on
// which the scratch database is created; PLAYWRIGHT_CHROMIUM_PATH (/usr/bin/chromium);
// BENCH_ONLY=api or BENCH_ONLY=reader to run one part (results in bench/results/latest-<part>.json).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { buildBaseline, measureThroughput, removeBaselineBuild, startBaseline } from "./api.mjs";
import { signUpAndSignIn, waitForHttp } from "./client.mjs";
import { generateAnnotations, generateArticle } from "./generate-article.mjs";
import { portIsFree, startGroup, stopAll } from "./processes.mjs";
import { benchReader } from "./reader.mjs";
import { seedRelations } from "./seed-relations.mjs";

/** `relations`: the reader with relations (issue 15) alone — N = 0, 5,000, and 5,000 with 2,000 relations. */
const PARTS = ["api", "reader", "relations"];
/** One part alone is much quicker to repeat; a partial run keeps latest.json, the record of a whole run. */
const only = process.env.BENCH_ONLY || null;
if (only !== null && !PARTS.includes(only)) {
  console.error(`BENCH_ONLY must be one of ${PARTS.join(", ")} (or unset for both), not "${only}".`);
  process.exit(2);
}
const runs = (part) => only === null || only === part || (part === "reader" && only === "relations");

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = path.join(root, "bench", "out");
const resultsFile = path.join(root, "bench", "results", only ? `latest-${only}.json` : "latest.json");

/** BENCH_PORT: another pair of ports (this and the next), when 3300–3301 are taken. */
const APP_PORT = Number(process.env.BENCH_PORT || 3300);
const BASELINE_PORT = APP_PORT + 1;
const APP_URL = `http://127.0.0.1:${APP_PORT}`;
const SIZES = only === "relations" ? [0, 5000] : [0, 1000, 5000];
/** The reader's relations article: the 5,000-highlight article again, with this many relations (issue 15). */
const RELATIONS = 2000;
const RELATIONS_KEY = `5000+${RELATIONS}r`;
const REPS = 3;
/**
 * Highlights per seeding call. The batch route accepts 1,000, but its one transaction must
 * finish within Prisma's 5 s interactive-transaction timeout, which a 1,000-item batch misses
 * on this 2-core machine when it is busy (HTTP 500); a failed call is retried in halves.
 */
const BATCH = 100;
/** The whole run is stopped after this long, whatever it is doing. */
const HARD_LIMIT_MS = 15 * 60_000;
/** `scripts/start.mjs` may have to build first. */
const APP_START_LIMIT_MS = 10 * 60_000;

/** Seeding batches that failed (and were retried in halves). */
const seedFailures = [];

const adminUrl = process.env.BENCH_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `marginalia_bench_${Date.now()}_${process.pid}`;
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
})();

const started = Date.now();
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let dbCreated = false;
let cleaningUp = null;
function cleanup() {
  cleaningUp ??= (async () => {
    await stopAll();
    removeBaselineBuild();
    if (dbCreated) {
      await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((err) =>
        console.error(`Could not drop the scratch database ${dbName}: ${err.message}`),
      );
    }
  })();
  return cleaningUp;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the benchmark…`);
    cleanup().finally(() => process.exit(130));
  });
}
const hardLimit = setTimeout(() => {
  console.error(`The benchmark did not finish within ${HARD_LIMIT_MS / 60_000} minutes; stopping.`);
  cleanup().finally(() => process.exit(1));
}, HARD_LIMIT_MS);

/** Imports `text` as an article and gives it `n` generated highlights; returns its ids and page path. */
async function seedArticle(client, workspaceId, { title, text, n }, batchTimes = []) {
  const article = await client.api("POST", `/api/workspaces/${workspaceId}/articles`, { title, text });
  const { currentRevision } = await client.api("GET", `/api/workspaces/${workspaceId}/articles/${article.id}`);
  const spans = generateAnnotations(currentRevision.text, n);
  const createBatch = async (items) => {
    const t0 = performance.now();
    try {
      await client.api("POST", `/api/workspaces/${workspaceId}/articles/${article.id}/annotations/batch`, { items });
      batchTimes.push((performance.now() - t0) / items.length);
    } catch (err) {
      // All or none: a failed batch created nothing and can be sent again in smaller parts.
      if (items.length <= 25 || !/HTTP 500/.test(err.message)) throw err;
      log(`  a batch of ${items.length} failed after ${Math.round(performance.now() - t0)} ms; retrying in halves`);
      seedFailures.push({ items: items.length, ms: Math.round(performance.now() - t0) });
      const half = Math.ceil(items.length / 2);
      await createBatch(items.slice(0, half));
      await createBatch(items.slice(half));
    }
  };
  for (let i = 0; i < spans.length; i += BATCH) {
    await createBatch(spans.slice(i, i + BATCH).map((s) => ({ revisionId: currentRevision.id, ...s })));
  }
  return {
    n,
    id: article.id,
    revisionId: currentRevision.id,
    text: currentRevision.text,
    path: `/w/${workspaceId}/articles/${article.id}`,
  };
}

/** A valid body for POST …/annotations: the first word of 5+ letters. */
function annotationBody(article) {
  const match = /\p{L}{5,}/u.exec(article.text);
  return JSON.stringify({
    revisionId: article.revisionId,
    start: match.index,
    end: match.index + match[0].length,
    exact: match[0],
  });
}

const describeMaxBatch = (m) => (m.status === null ? m.error : `HTTP ${m.status} in ${m.ms} ms`);
const fmt = (v, unit = "") => (v === null || v === undefined ? "–" : `${v}${unit}`);

function printTables(results) {
  const { reader, api, seeding, machine } = results;
  console.log(
    `\n${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}; ` +
      `1-minute load average ${machine.loadAverage.atStart} at the start, ${machine.loadAverage.atEnd} at the end`,
  );
  if (reader) printReader(reader, results.goals);
  if (api) printApi(api, seeding, results.goals);
}

function printReader(reader, goals) {
  console.log("\nReader (Chromium, cold load, median of 3)");
  console.table(
    Object.fromEntries(
      reader.load.map((l) => [
        l.relations ? `N=${l.n}, ${l.relations} relations` : `N=${l.n}`,
        {
          "ready (ms)": l.median.readyMs,
          "FCP (ms)": l.median.fcpMs,
          "TTFB (ms)": l.median.ttfbMs,
          "longest task (ms)": l.median.longestTaskMs,
          "TBT (ms)": l.median.tbtMs,
          "tasks > 200 ms": l.median.tasksOver200,
        },
      ]),
    ),
  );
  console.log(
    `Ready N=5000 / N=0: ${goals.readyRatio}× (goal ≤ 1.5×); any task > 200 ms: ${goals.anyTaskOver200 ? "yes" : "no"}`,
  );
  console.log(
    `Ready N=5000 with ${RELATIONS} relations / N=0: ${goals.relationsReadyRatio}× (goal ≤ ${goals.relationsReadyRatioGoal}×)`,
  );
  const { scroll, link } = reader.relations;
  console.log(`\nScrolling the relations article (${scroll.on.frames} frames per setting)`);
  console.table({
    "arcs on": { "p50 (ms)": scroll.on.p50Ms, "p95 (ms)": scroll.on.p95Ms, "max (ms)": scroll.on.maxMs },
    "arcs off": { "p50 (ms)": scroll.off.p50Ms, "p95 (ms)": scroll.off.p95Ms, "max (ms)": scroll.off.maxMs },
  });
  console.log(`p95 with arcs on: ${scroll.on.p95Ms} ms (goal ≤ ${goals.scrollP95GoalMs} ms)`);
  console.log("\nLink two highlights (Enter in the type menu, median of 3)");
  console.table({
    link: {
      "arc in DOM (ms)": link.median.arcMs,
      "painted (ms)": link.median.paintMs,
      "POST answered (ms)": link.median.savedMs,
      "request → response (ms)": link.median.serverMs,
    },
  });
  if (!reader.create.length) return;
  console.log("\nCreate one highlight (keydown `h`, median of 3)");
  console.table(
    Object.fromEntries(
      reader.create.map((c) => [
        `N=${c.n}`,
        {
          "mark in DOM (ms)": c.median.markMs,
          "painted (ms)": c.median.paintMs,
          "POST answered (ms)": c.median.savedMs,
          "longest task (ms)": c.median.longestTaskMs,
        },
      ]),
    ),
  );
}

function printApi(api, seeding, goals) {
  console.log(
    `\nAPI throughput (autocannon, ${api.connections} connections, ${api.rounds} interleaved rounds of ${api.durationS} s ` +
      `after ${api.warmupS} s warm-up; each target's median round, the median of the rounds' ratios)`,
  );
  console.table(
    Object.fromEntries(
      api.targets.map((t) => [
        t.name,
        {
          "req/s": t.requestsPerSecond,
          "p50 (ms)": t.p50Ms,
          "p99 (ms)": t.p99Ms,
          "non-2xx": t.non2xx,
          errors: t.errors,
          "vs baseline": fmt(t.ratioToBaseline),
          "rounds (req/s)": t.rounds?.join(" / ") ?? "–",
          "rounds' ratios": t.roundRatios?.join(" / ") ?? "–",
        },
      ]),
    ),
  );
  console.log(
    `Throughput ratio: ${goals.throughputRatio} (goal ≥ 0.75). Batch create: ${seeding.msPerHighlight} ms per ` +
      `highlight (${seeding.batchSize} per call); one call with 1,000: ${describeMaxBatch(seeding.maxBatch)}.`,
  );
}

/** Writes JSON formatted as the repository's Prettier would, so `npm run format:check` stays green. */
async function writeJson(file, data) {
  let text = `${JSON.stringify(data, null, 2)}\n`;
  try {
    const prettier = await import("prettier");
    text = await prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
  } catch {
    // Without Prettier the plain JSON is still valid.
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/**
 * Starts Marginalia with `scripts/start.mjs` (which builds first when the build is stale)
 * and waits until it answers. Others may build in this checkout at the same time (then
 * `next build` refuses to run, or `.next` changes under the server): up to three attempts,
 * 15 s apart, within APP_START_LIMIT_MS.
 */
async function startApp(env) {
  const logFile = path.join(outDir, "app.log");
  const deadline = Date.now() + APP_START_LIMIT_MS;
  log(`Starting Marginalia on ${APP_URL} (builds first if stale; log: bench/out/app.log)`);
  for (let attempt = 1; attempt <= 3 && Date.now() < deadline; attempt++) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(logFile, "");
    const app = startGroup(process.execPath, ["scripts/start.mjs"], {
      cwd: root,
      env: { ...env, PORT: String(APP_PORT) },
      logFile,
    });
    const timeoutMs = deadline - Date.now();
    if (await waitForHttp(`${APP_URL}/api/auth/csrf`, { timeoutMs, isAlive: app.isAlive })) return app;
    await app.stop();
    const last = readFileSync(logFile, "utf8").trim().split("\n").slice(-3).join(" | ");
    log(`  attempt ${attempt} failed (${last.slice(0, 300)})`);
    await new Promise((resolve) => setTimeout(resolve, 15_000));
  }
  throw new Error("Marginalia did not start; see bench/out/app.log.");
}

/** The commit under test, and how many app files differ from it (others may be editing). */
function sourceState() {
  try {
    const git = (...args) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
    const changed = git("status", "--porcelain", "--", "app", "components", "lib", "prisma");
    return {
      commit: git("rev-parse", "--short", "HEAD"),
      uncommittedAppFiles: changed ? changed.split("\n").length : 0,
    };
  } catch {
    return { commit: null, uncommittedAppFiles: null };
  }
}

const loadAverage = () => Math.round(os.loadavg()[0] * 100) / 100;

async function main() {
  const loadAtStart = loadAverage();
  const source = sourceState();
  if (loadAtStart > os.cpus().length / 2) {
    log(`Warning: the 1-minute load average is ${loadAtStart} on ${os.cpus().length} cores; results will be noisy.`);
  }
  if (only) log(`BENCH_ONLY=${only}: the ${only} part only`);
  for (const port of runs("api") ? [APP_PORT, BASELINE_PORT] : [APP_PORT]) {
    if (!(await portIsFree(port))) throw new Error(`Port ${port} is in use; stop what runs there first.`);
  }
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: APP_URL,
    SEED_DEMO: "false",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.PORT;

  log(`Creating the scratch database ${dbName}`);
  await admin(`CREATE DATABASE "${dbName}"`);
  dbCreated = true;

  if (runs("api")) await buildBaseline({ env, log, logFile: path.join(outDir, "baseline-build.log") });

  await startApp(env);
  log("Marginalia is up");

  log("Seeding: user, workspace, articles, highlights");
  const client = await signUpAndSignIn(APP_URL, {
    name: "Bench Analyst",
    email: `bench-${Date.now()}@example.test`,
    password: "bench-password-123",
  });
  const workspace = await client.api("POST", "/api/workspaces", { name: "Benchmark" });
  const article = generateArticle();
  const articles = [];
  const batchTimes = [];
  // Without the reader, one article of 1,000 highlights still times the batch route.
  for (const n of runs("reader") ? SIZES : [1000]) {
    const title = `${article.title}, N=${n}`;
    articles.push(await seedArticle(client, workspace.id, { title, text: article.text, n }, batchTimes));
    log(`  article with ${n} highlights`);
  }
  if (runs("reader")) {
    const title = `${article.title}, N=5000 with ${RELATIONS} relations`;
    const related = await seedArticle(client, workspace.id, { title, text: article.text, n: 5000 }, batchTimes);
    await seedRelations(databaseUrl, { articleId: related.id, count: RELATIONS });
    articles.push({ ...related, key: RELATIONS_KEY, relations: RELATIONS });
    log(`  article with 5000 highlights and ${RELATIONS} relations`);
  }
  log(`  ${article.words} words, ${article.text.length} characters per long article`);
  batchTimes.sort((a, b) => a - b);
  const seeding = {
    batchSize: BATCH,
    failedBatches: seedFailures,
    msPerHighlight: Math.round(batchTimes[Math.floor(batchTimes.length / 2)] * 100) / 100,
  };
  log(`  batch create: ${seeding.msPerHighlight} ms per highlight (median, ${BATCH} per call)`);

  if (process.env.BENCH_PAUSE) {
    // For profiling by hand: the seeded app stays up until Ctrl-C (which cleans up as usual).
    log(`Paused (BENCH_PAUSE). Session cookie next-auth.session-token=${client.sessionToken}`);
    for (const a of articles) log(`  N=${a.n}: ${APP_URL}${a.path}`);
    await new Promise(() => {});
  }

  let reader = null;
  if (runs("reader")) {
    log("Reader benchmark (Chromium)");
    reader = await benchReader({
      baseUrl: APP_URL,
      sessionToken: client.sessionToken,
      articles: articles.map(({ n, path, key, relations }) => ({ n, path, key, relations })),
      reps: REPS,
      createOn: only === "relations" ? [] : [0, 5000],
      relationsOn: RELATIONS_KEY,
      log,
    });
  }

  const api = runs("api") ? await benchApi({ env, client, workspace, longText: article.text, seeding }) : null;

  const at = (key) => reader.load.find((l) => l.key === key).median;
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage: { atStart: loadAtStart, atEnd: loadAverage() },
    },
    source,
    only,
    article: { words: article.words, characters: article.text.length },
    seeding,
    reader,
    api,
    goals: {
      ...(reader && {
        readyRatio: Math.round((at(5000).readyMs / at(0).readyMs) * 100) / 100,
        readyRatioGoal: 1.5,
        anyTaskOver200: reader.load.some((l) => l.runs.some((r) => r.tasksOver200 > 0)),
        createMarkGoalMs: 16,
        createSavedGoalMs: 100,
        relationsReadyRatio: Math.round((at(RELATIONS_KEY).readyMs / at(0).readyMs) * 100) / 100,
        relationsReadyRatioGoal: 1.5,
        scrollP95GoalMs: 33,
        linkArcGoalMs: 16.7,
        linkSavedGoalMs: 100,
      }),
      ...(api && { throughputRatio: api.targets[1].ratioToBaseline, throughputRatioGoal: 0.75 }),
    },
  };
  printTables(results);
  await writeJson(resultsFile, results);
  log(`Wrote ${path.relative(root, resultsFile)}`);
}

/**
 * The API part: seeds its two articles, measures the baseline and Marginalia's routes one
 * after the other, then one call of the batch route's maximum (into `seeding.maxBatch`).
 */
async function benchApi({ env, client, workspace, longText, seeding }) {
  const small = generateArticle({ words: 300, seed: 11 });
  const apiSmall = await seedArticle(client, workspace.id, { title: "API benchmark (short)", text: small.text, n: 0 });
  const apiLarge = await seedArticle(client, workspace.id, {
    title: "API benchmark (50k words)",
    text: longText,
    n: 0,
  });

  log("API benchmark (autocannon)");
  const baseline = await startBaseline({
    port: BASELINE_PORT,
    env: { ...env, PORT: String(BASELINE_PORT) },
    logFile: path.join(outDir, "baseline.log"),
  });
  const api = { connections: 50, durationS: 10, warmupS: 2, rounds: 3, targets: [] };
  const route = (a) => `${APP_URL}/api/workspaces/${workspace.id}/articles/${a.id}/annotations`;
  const targets = [
    {
      name: "baseline: bare route handler, one insert",
      url: `http://127.0.0.1:${BASELINE_PORT}/api/baseline`,
      body: annotationBody(apiSmall),
    },
    {
      name: "POST …/annotations (300-word article)",
      url: route(apiSmall),
      headers: { cookie: client.cookie },
      body: annotationBody(apiSmall),
    },
    {
      name: "POST …/annotations (50k-word article)",
      url: route(apiLarge),
      headers: { cookie: client.cookie },
      body: annotationBody(apiLarge),
    },
    {
      name: "reference: GET /api/workspaces/:id",
      method: "GET",
      url: `${APP_URL}/api/workspaces/${workspace.id}`,
      headers: { cookie: client.cookie },
    },
  ];
  // Every target is warmed up before any is measured: with only its own warm-up, whichever route
  // came first after the baseline was measured while the server's code was still being compiled
  // (measured: 0.61-0.64 of the baseline first, 0.86-1.01 second, whichever article came first).
  log("  warm-up: every target, 3 s each");
  for (const target of targets) {
    await measureThroughput({ ...target, ...api, durationS: 3, warmupS: 0, targets: undefined });
  }
  // Measured in interleaved rounds, each target once per round, and the ratio is the median of the
  // rounds' ratios: this machine's speed drifts by ±15 % from minute to minute (the baseline alone gave
  // 612 and 684 req/s in two runs ten minutes apart), and a ratio of two runs measured a minute apart
  // showed the drift more than the code (0.80 and 0.68 for the same code).
  const rounds = targets.map(() => []);
  for (let round = 1; round <= api.rounds; round++) {
    log(`  round ${round} of ${api.rounds}`);
    for (const [i, target] of targets.entries()) {
      rounds[i].push(await measureThroughput({ ...target, ...api, warmupS: round === 1 ? api.warmupS : 0 }));
    }
  }
  for (const [i, target] of targets.entries()) {
    api.targets.push({
      name: target.name,
      url: target.url.replace(/[a-z0-9]{20,}/g, ":id"),
      ...medianRun(rounds[i]),
      rounds: rounds[i].map((r) => r.requestsPerSecond),
    });
  }
  for (const [i, t] of api.targets.entries()) {
    if (i === 0 || i > 2) continue;
    t.roundRatios = rounds[i].map((r, round) => round2(r.requestsPerSecond / rounds[0][round].requestsPerSecond));
    t.ratioToBaseline = median(t.roundRatios);
  }
  await baseline.stop();

  // The batch route's documented maximum, once, after the throughput runs.
  const items = generateAnnotations(apiLarge.text, 1000, { seed: 99 }).map((s) => ({
    revisionId: apiLarge.revisionId,
    ...s,
  }));
  seeding.maxBatch = { items: items.length, status: null, ms: null, error: null };
  for (let attempt = 1; attempt <= 2 && seeding.maxBatch.status === null; attempt++) {
    const t0 = performance.now();
    try {
      const res = await fetch(`${route(apiLarge)}/batch`, {
        method: "POST",
        headers: { cookie: client.cookie, "content-type": "application/json" },
        body: JSON.stringify({ items }),
        signal: AbortSignal.timeout(60_000),
      });
      await res.arrayBuffer();
      Object.assign(seeding.maxBatch, { status: res.status, ms: Math.round(performance.now() - t0), error: null });
    } catch (err) {
      // A network error (not an HTTP status) is reported, and tried once more.
      seeding.maxBatch.error = `${err.message}${err.cause ? `: ${err.cause.message ?? err.cause}` : ""}`;
    }
  }
  log(`  one batch of 1,000 highlights: ${describeMaxBatch(seeding.maxBatch)}`);

  return api;
}

const round2 = (x) => Math.round(x * 100) / 100;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The run of a target's rounds with the median rate (its latencies and counts with it). */
const medianRun = (runs) =>
  [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(runs.length / 2)];

main()
  .then(
    () => 0,
    (err) => {
      console.error(
        `\nBenchmark failed: ${err?.stack ?? err}${err?.cause ? `\nCause: ${err.cause.stack ?? err.cause}` : ""}`,
      );
      return 1;
    },
  )
  .then(async (code) => {
    log("Stopping the servers and dropping the scratch database");
    await cleanup();
    clearTimeout(hardLimit);
    process.exit(code);
  });
