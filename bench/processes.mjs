// Child processes of the benchmark run: each in its own process group, output to a log file, stopped as a group.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";

/** Every group started and not yet stopped, so a failing run can stop them all. */
const running = new Set();

/**
 * Starts `command` in a new process group with stdout and stderr appended to
 * `logFile`. `stop()` sends SIGTERM to the group, then SIGKILL after `graceMs`.
 */
export function startGroup(command, args, { cwd, env, logFile }) {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let alive = true;
  exited.then(() => (alive = false));
  const group = {
    child,
    exited,
    isAlive: () => alive,
    async stop(graceMs = 15_000) {
      running.delete(group);
      if (!alive) return;
      const signalGroup = (signal) => {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // The group is already gone.
        }
      };
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      // Children that ignored SIGTERM (e.g. a Next.js worker) go too.
      signalGroup("SIGKILL");
    },
  };
  running.add(group);
  return group;
}

/** Stops every group still running. */
export async function stopAll() {
  await Promise.all([...running].map((group) => group.stop()));
}

/** Runs a command to completion in its own group (stopped after `timeoutMs`); resolves to its exit code. */
export async function runToEnd(command, args, { timeoutMs, ...options }) {
  const group = startGroup(command, args, options);
  const timer = setTimeout(() => void group.stop(), timeoutMs);
  const { code, signal } = await group.exited;
  clearTimeout(timer);
  running.delete(group);
  return code ?? (signal ? 128 : 1);
}

/** True when nothing accepts connections on 127.0.0.1:`port`. */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    const settle = (free) => {
      socket.destroy();
      resolve(free);
    };
    socket.once("connect", () => settle(false));
    socket.once("error", () => settle(true));
    socket.setTimeout(1000, () => settle(true));
  });
}
