// Preloaded into the server by `npm run bench:availability` (`node --import`): records every stretch
// in which the server's main thread did not get back to its event loop for more than
// BENCH_LOOP_LAG_MS (default 40 ms), as one JSON line per stretch `{ "end": epoch ms, "ms": length }`
// in BENCH_LOOP_LAG_FILE, so the benchmark can tell which of its phases blocked the loop and for how
// long. With BENCH_CPU_PROFILE_DIR, SIGUSR2 starts a CPU profile of the main thread and the next
// SIGUSR2 writes it there (`node --cpu-prof` is not allowed in NODE_OPTIONS). Garbage-collection
// pauses over BENCH_GC_MS (20 ms) go to `${BENCH_LOOP_LAG_FILE}.gc`, the same way. Only in
// scripts/server.mjs's main thread, whose pid it writes to `${BENCH_LOOP_LAG_FILE}.pid`.
import { appendFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { PerformanceObserver } from "node:perf_hooks";
import path from "node:path";
import { isMainThread } from "node:worker_threads";

const file = process.env.BENCH_LOOP_LAG_FILE;
if (file && isMainThread && /server\.mjs$/.test(process.argv[1] ?? "")) {
  writeFileSync(`${file}.pid`, String(process.pid));
  const threshold = Number(process.env.BENCH_LOOP_LAG_MS ?? 40);
  const tick = 10;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const late = now - last - tick;
    last = now;
    if (late > threshold) appendFileSync(file, `${JSON.stringify({ end: Date.now(), ms: Math.round(late) })}\n`);
  }, tick).unref();

  // Garbage-collection pauses over BENCH_GC_MS (default 20 ms), in `${BENCH_LOOP_LAG_FILE}.gc`: which stalls were the collector.
  const gcThreshold = Number(process.env.BENCH_GC_MS ?? 20);
  const kinds = { 1: "minor", 2: "major", 4: "incremental", 8: "weak callbacks" };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration <= gcThreshold) continue;
      const end = Math.round(performance.timeOrigin + entry.startTime + entry.duration);
      const kind = kinds[entry.detail?.kind] ?? String(entry.detail?.kind);
      appendFileSync(`${file}.gc`, `${JSON.stringify({ end, ms: Math.round(entry.duration), kind })}\n`);
    }
  }).observe({ entryTypes: ["gc"] });

  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  if (profileDir) {
    let session = null;
    process.on("SIGUSR2", async () => {
      if (!session) {
        session = new Session();
        session.connect();
        await session.post("Profiler.enable");
        await session.post("Profiler.setSamplingInterval", { interval: 1000 });
        await session.post("Profiler.start");
        return;
      }
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      session = null;
      writeFileSync(path.join(profileDir, `server-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    });
  }
}
