// `npm start` (scripts/start.mjs) as a child process in its own process group,
// for the smoke tests and the start-up benchmark.
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Starts scripts/start.mjs with `env`; its output is kept in `output`.
 * @param {NodeJS.ProcessEnv} env
 * @param {string[]} [args]
 */
export function startApp(env, args = []) {
  const child = spawn(process.execPath, ["scripts/start.mjs", ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const app = { child, output: "", startedAt: Date.now(), exited: null };
  child.stdout.on("data", (d) => (app.output += d));
  child.stderr.on("data", (d) => (app.output += d));
  app.exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return app;
}

/** Resolves with the milliseconds from the start until `url` answers 200; throws if the app exits first. */
export async function waitUntilServing(app, url, timeoutMs = 10 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`npm start exited with ${app.child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return Date.now() - app.startedAt;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Sends `signal` to the app's process group (as Ctrl-C does); resolves with its exit, or `{ code: "timeout" }` after 30 s. */
export async function stopApp(app, signal = "SIGINT") {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return app.exited;
  try {
    process.kill(-app.child.pid, signal);
  } catch {
    // Already gone.
  }
  return Promise.race([app.exited, sleep(30_000).then(() => ({ code: "timeout" }))]);
}
