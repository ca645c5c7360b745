// npm run bench:startup — how long `npm start` (embedded default, production
// build already made) takes until the sign-in page answers: the first start on
// a new data folder (creating the PostgreSQL cluster, migrating, seeding the
// demo data) and later starts on the same folder. Goal (issue 11): later
// starts under 5 s on the 2-core reference machine.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startApp, stopApp, waitUntilServing } from "../scripts/app-process.mjs";

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
const port = Number(process.env.BENCH_PORT ?? 3250);
const base = `http://localhost:${port}`;

const results = [];
for (let run = 0; run < RUNS; run++) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "marginalia-bench-startup-"));
  const env = { ...process.env, PORT: String(port), MARGINALIA_DATA_DIR: dataDir, NEXTAUTH_URL: base };
  delete env.DATABASE_URL;
  try {
    const times = [];
    for (let start = 0; start < 3; start++) {
      const app = startApp(env);
      times.push(await waitUntilServing(app, `${base}/signin`));
      if ((await stopApp(app)).code === "timeout") throw new Error("npm start did not stop within 30 s");
    }
    results.push({ first: times[0], later: times.slice(1) });
    console.log(
      `run ${run + 1}: first start ${seconds(times[0])}, later starts ${times.slice(1).map(seconds).join(", ")}`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const later = results.flatMap((r) => r.later);
console.log(
  `first start: median ${seconds(median(results.map((r) => r.first)))}; later starts: median ${seconds(median(later))}, max ${seconds(Math.max(...later))}`,
);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}
