// The live-update fan-out benchmark: subscribers on several app instances, one writer, delivery latency.
// Run through bench/live.mjs (standalone) or bench/run.mjs.
import { Worker } from "node:worker_threads";

/** Absolute time in ms with sub-ms precision, comparable across worker threads. */
const now = () => performance.timeOrigin + performance.now();

const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
const round = (v) => (v === null ? null : Math.round(v * 10) / 10);

/**
 * Opens `perInstance` event streams on each of `urls` (one worker thread per instance), then creates
 * `ratePerSecond` highlights per second for `durationS` seconds through the first instance. Each
 * highlight's latency is from the moment its POST response ended to each subscriber's receipt of the
 * event naming it. Reports percentiles, and events lost or received twice.
 */
export async function benchFanout({ urls, cookie, workspaceId, article, perInstance, ratePerSecond, durationS, log }) {
  const streamPath = `/api/workspaces/${workspaceId}/events?articleId=${article.id}`;
  const workers = urls.map(
    (url) =>
      new Worker(new URL("./live-subscribers.mjs", import.meta.url), {
        workerData: { url: `${url}${streamPath}`, cookie, count: perInstance },
      }),
  );
  const message = (worker, type) =>
    new Promise((resolve, reject) => {
      const onMessage = (m) => {
        if (m.type !== type) return;
        worker.off("message", onMessage);
        resolve(m);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
  try {
    await Promise.all(workers.map((w) => message(w, "connected")));
    log(`  ${perInstance * urls.length} streams open on ${urls.length} instances`);
    // Let the join events of the subscribers themselves pass.
    await new Promise((r) => setTimeout(r, 2000));

    const words = [...article.text.matchAll(/\p{L}{5,}/gu)].slice(0, 2000);
    const sent = new Map();
    const failures = [];
    const total = ratePerSecond * durationS;
    const started = now();
    const inflight = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / ratePerSecond;
      const wait = due - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const word = words[i % words.length];
      inflight.push(
        fetch(`${urls[0]}/api/workspaces/${workspaceId}/articles/${article.id}/annotations`, {
          method: "POST",
          headers: { cookie, "content-type": "application/json" },
          body: JSON.stringify({
            revisionId: article.revisionId,
            start: word.index,
            end: word.index + word[0].length,
            exact: word[0],
          }),
        })
          .then(async (res) => {
            const body = await res.json();
            const at = now();
            if (res.status !== 201) failures.push(res.status);
            else sent.set(body.data.id, at);
          })
          .catch((err) => failures.push(err.message)),
      );
    }
    await Promise.all(inflight);
    const writeSeconds = (now() - started) / 1000;
    // Stragglers get a few seconds.
    await new Promise((r) => setTimeout(r, 3000));
    const reports = await Promise.all(
      workers.map((w) => {
        const done = message(w, "report");
        w.postMessage({ type: "report" });
        return done;
      }),
    );

    const latencies = [];
    let lost = 0;
    let duplicated = 0;
    let unexpected = 0;
    for (const report of reports) {
      for (const stream of report.streams) {
        const seen = new Map();
        for (const [id, at] of stream) {
          if (!sent.has(id)) {
            unexpected++;
            continue;
          }
          if (seen.has(id)) duplicated++;
          else seen.set(id, at);
        }
        for (const [id, at] of sent) {
          if (!seen.has(id)) lost++;
          else latencies.push(seen.get(id) - at);
        }
      }
    }
    latencies.sort((a, b) => a - b);
    return {
      instances: urls.length,
      subscribersPerInstance: perInstance,
      ratePerSecond,
      durationS,
      created: sent.size,
      writeFailures: failures.length,
      achievedRatePerSecond: round(sent.size / writeSeconds),
      deliveries: latencies.length,
      lost,
      duplicated,
      unexpected,
      disconnects: reports.reduce((n, r) => n + r.disconnects, 0),
      latencyMs: {
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies.at(-1) ?? null),
      },
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
