// This process's stop: scripts/server.mjs marks it stopping on SIGTERM (readiness then answers 503,
// so a load balancer stops sending requests here) and, once the in-flight requests have finished,
// runs the hooks the app registered (closing the database pool, the live-update listener).
// State on globalThis, shared by the web server and the code Next.js bundles.
const KEY = Symbol.for("marginalia.lifecycle");

function state() {
  globalThis[KEY] ??= { stopping: false, hooks: new Map() };
  return globalThis[KEY];
}

/** Whether this process has been asked to stop. */
export function isStopping() {
  return state().stopping;
}

/** Marks this process as stopping (readiness answers 503 from now on). */
export function markStopping() {
  state().stopping = true;
}

/** Registers `hook` (under `name`, once) to run when the process stops, after the last request. */
export function onStop(name, hook) {
  state().hooks.set(name, hook);
}

/** Runs every registered hook, each at most `timeoutMs`; resolves with the names of those that failed. */
export async function runStopHooks(timeoutMs = 5000) {
  const failed = [];
  await Promise.all(
    [...state().hooks].map(async ([name, hook]) => {
      let timer;
      try {
        await Promise.race([
          hook(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
          }),
        ]);
      } catch {
        failed.push(name);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  state().hooks.clear();
  return failed;
}
