// The availability benchmark's probe (bench/availability.mjs), a process of its own: it stands for
// another user of the server, who shares neither the benchmark's event loop nor its thread pool.
//
// Messages from the parent: { type: "start", url, everyMs, phaseEpoch } requests `url` every `everyMs`;
// { type: "stop" } waits for the requests under way and answers { type: "latencies", latencies },
// each `[ms since phaseEpoch when sent, ms to the answer's last byte, or null when it failed]`. Once started it sends
// { type: "ready" } after one request of `process.argv[2]`: the first `fetch` of a process loads
// its HTTP client and opens the connection (100–250 ms under load), which is not the server's time.

let timer = null;
let latencies = [];
const pending = new Set();

async function request(url) {
  const res = await fetch(url);
  await res.arrayBuffer();
  return res.status;
}

process.on("message", async (message) => {
  if (message.type === "start") {
    latencies = [];
    timer = setInterval(() => {
      const sentAt = Date.now();
      const t0 = performance.now();
      const answer = request(message.url)
        .then(() => latencies.push([sentAt - message.phaseEpoch, performance.now() - t0]))
        .catch(() => latencies.push([sentAt - message.phaseEpoch, null]))
        .finally(() => pending.delete(answer));
      pending.add(answer);
    }, message.everyMs);
  } else if (message.type === "stop") {
    clearInterval(timer);
    await Promise.allSettled([...pending]);
    process.send({ type: "latencies", latencies });
  }
});

const status = await request(process.argv[2]).catch((err) => err.message);
process.send({ type: "ready", status });
