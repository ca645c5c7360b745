// `npm run bench:live`: the live-update fan-out benchmark on its own (issue 4).
//
// Creates a scratch PostgreSQL database, starts two Marginalia instances on it (ports 3300 and 3302;
// `scripts/start.mjs` builds first when the build is stale), opens 200 event streams on each, creates
// 20 highlights per second for 15 s through the first, and reports the delivery latency from each
// POST's response to each subscriber's receipt, with events lost or duplicated. Writes
// bench/results/live.json, then stops everything and drops the database.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { signUpAndSignIn, waitForHttp } from "./client.mjs";
import { generateArticle } from "./generate-article.mjs";
import { benchFanout } from "./live-fanout.mjs";
import { portIsFree, startGroup, stopAll } from "./processes.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = path.join(root, "bench", "out");
const PORTS = [3300, 3302];
const urls = PORTS.map((p) => `http://127.0.0.1:${p}`);
const adminUrl = process.env.BENCH_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `marginalia_bench_live_${Date.now()}_${process.pid}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
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
async function cleanup() {
  await stopAll();
  if (dbCreated) await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => cleanup().finally(() => process.exit(130)));

export async function startInstances(env) {
  const first = startGroup(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: { ...env, PORT: String(PORTS[0]) },
    logFile: path.join(outDir, "live-app-1.log"),
  });
  if (!(await waitForHttp(`${urls[0]}/api/auth/csrf`, { timeoutMs: 10 * 60_000, isAlive: first.isAlive }))) {
    throw new Error("The first instance did not start; see bench/out/live-app-1.log.");
  }
  // The second serves the same build on another port: a separate process, the same database.
  const second = startGroup(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORTS[1])], {
    cwd: root,
    env: { ...env, PORT: String(PORTS[1]), NODE_ENV: "production" },
    logFile: path.join(outDir, "live-app-2.log"),
  });
  if (!(await waitForHttp(`${urls[1]}/api/auth/csrf`, { timeoutMs: 120_000, isAlive: second.isAlive }))) {
    throw new Error("The second instance did not start; see bench/out/live-app-2.log.");
  }
}

async function main() {
  for (const port of PORTS) if (!(await portIsFree(port))) throw new Error(`Port ${port} is in use.`);
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: urls[0],
    SEED_DEMO: "false",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.PORT;
  await admin(`CREATE DATABASE "${dbName}"`);
  dbCreated = true;
  log("Starting two instances (building first if stale)");
  await startInstances(env);
  const client = await signUpAndSignIn(urls[0], {
    name: "Fan-out Writer",
    email: `live-${Date.now()}@example.test`,
    password: "bench-password-123",
  });
  const workspace = await client.api("POST", "/api/workspaces", { name: "Fan-out" });
  const text = generateArticle({ words: 3000, seed: 5 }).text;
  const created = await client.api("POST", `/api/workspaces/${workspace.id}/articles`, { title: "Fan-out", text });
  const { currentRevision } = await client.api("GET", `/api/workspaces/${workspace.id}/articles/${created.id}`);
  log("Fan-out: 2 × 200 subscribers, 20 highlights per second for 15 s");
  const result = await benchFanout({
    urls,
    cookie: client.cookie,
    workspaceId: workspace.id,
    article: { id: created.id, revisionId: currentRevision.id, text: currentRevision.text },
    perInstance: 200,
    ratePerSecond: 20,
    durationS: 15,
    log,
  });
  const output = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg()[0] },
    ...result,
  };
  console.log(JSON.stringify(output, null, 2));
  mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  writeFileSync(path.join(root, "bench", "results", "live.json"), `${JSON.stringify(output, null, 2)}\n`);
  log(
    `p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms (goal < 250 ms); ` +
      `lost ${result.lost}, duplicated ${result.duplicated}`,
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(cleanup);
