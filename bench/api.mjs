// The API benchmark: throughput of creating a highlight through Marginalia's
// REST route, side by side with a bare Next.js route handler doing one Prisma
// insert (bench/baseline-app) on the same database. Run through bench/run.mjs.
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { waitForHttp } from "./client.mjs";
import { runToEnd, startGroup } from "./processes.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const baselineDir = path.join(root, "bench", "baseline-app");
const baselineBuild = path.join(root, "bench", "out", "baseline-app");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

/**
 * Builds bench/baseline-app with the repository's Next.js into bench/out/baseline-app,
 * from scratch on every run (10–20 s), so that it always matches the current Next.js and
 * Prisma client. `removeBaselineBuild()` deletes it at the end of the run.
 */
export async function buildBaseline({ env, log, logFile }) {
  removeBaselineBuild();
  log("Building the baseline app (bench/baseline-app)…");
  const code = await runToEnd(process.execPath, [nextBin, "build"], {
    cwd: baselineDir,
    env,
    logFile,
    timeoutMs: 180_000,
  });
  if (code !== 0) throw new Error(`The baseline app did not build (exit code ${code}); see ${logFile}.`);
}

export function removeBaselineBuild() {
  rmSync(baselineBuild, { recursive: true, force: true });
}

/** Starts the built baseline app on `port`; resolves once it answers. */
export async function startBaseline({ port, env, logFile }) {
  const group = startGroup(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: baselineDir,
    env,
    logFile,
  });
  const up = await waitForHttp(`http://127.0.0.1:${port}/api/baseline`, { timeoutMs: 60_000, isAlive: group.isAlive });
  if (!up) {
    await group.stop();
    throw new Error(`The baseline app did not start; see ${logFile}.`);
  }
  return group;
}

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/**
 * Sends `method` `url` (with `body`, if any) over `connections` concurrent
 * connections: a `warmupS` run that is thrown away, then `durationS` measured seconds.
 */
export async function measureThroughput({
  url,
  method = "POST",
  headers = {},
  body,
  connections = 50,
  durationS = 10,
  warmupS = 2,
}) {
  const options = {
    url,
    method,
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    body,
    connections,
  };
  if (warmupS > 0) await cannon({ ...options, duration: warmupS });
  const r = await cannon({ ...options, duration: durationS });
  return {
    requestsPerSecond: Math.round(r.requests.average * 10) / 10,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    meanMs: Math.round(r.latency.average * 10) / 10,
    requests: r.requests.total,
    ok: r["2xx"],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}
