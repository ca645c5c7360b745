// This process's stop, in two steps driven by scripts/server.mjs on SIGTERM:
//   1. stopping: readiness answers 503 (so a load balancer stops sending requests here) while the
//      instance keeps serving for SHUTDOWN_DELAY_MS;
//   2. draining: the listening socket is closed and the drain hooks run (event streams are told to
//      reconnect elsewhere); once the in-flight requests have finished, the stop hooks run
//      (closing the database pool, the live-update listener).
// State on globalThis, shared by the web server and the code Next.js bundles.
const KEY = Symbol.for("marginalia.lifecycle");

function state() {
  globalThis[KEY] ??= { stopping: false, draining: false, warmingUp: false, hooks: new Map(), drainHooks: new Map() };
  globalThis[KEY].drainHooks ??= new Map();
  return globalThis[KEY];
}

/**
 * Whether this process is still warming up: scripts/server.mjs requests what the first users
 * would otherwise wait for (loading code, generating the API document) before readiness says yes.
 * Never true where nothing warms up (tests, `next start`).
 */
export function isWarmingUp() {
  return state().warmingUp;
}

/** Marks this process as warming up (true) or done (false). */
export function setWarmingUp(warmingUp) {
  state().warmingUp = warmingUp;
}

/** Whether this process has been asked to stop (readiness answers 503; it may still be serving). */
export function isStopping() {
  return state().stopping;
}

/** Marks this process as stopping (readiness answers 503 from now on). */
export function markStopping() {
  state().stopping = true;
}

/** Whether this process no longer accepts connections and is finishing its requests. */
export function isDraining() {
  return state().draining;
}

/** Registers `hook` (under `name`, once) to run when the process stops accepting connections. */
export function onDrain(name, hook) {
  state().drainHooks.set(name, hook);
}

/** Marks this process as draining and runs the drain hooks (synchronous ones; errors are swallowed). */
export function startDraining() {
  const s = state();
  s.stopping = true;
  s.draining = true;
  for (const hook of s.drainHooks.values()) {
    try {
      hook();
    } catch {
      // One hook's failure must not keep the others from running.
    }
  }
  s.drainHooks.clear();
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
