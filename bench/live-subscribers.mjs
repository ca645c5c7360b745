// A worker thread of the fan-out benchmark: `count` event streams to one URL, recording when
// each `annotation.changed` event arrives (absolute ms, comparable with the main thread's clock).
import { parentPort, workerData } from "node:worker_threads";

const { url, cookie, count } = workerData;
const now = () => performance.timeOrigin + performance.now();
const streams = [];
let disconnects = 0;

async function open(received) {
  const res = await fetch(url, { headers: { cookie, accept: "text/event-stream" } });
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let hello;
  const helloSeen = new Promise((resolve) => (hello = resolve));
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ done: true }));
      if (done) {
        disconnects++;
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith("event: hello")) hello();
        if (!block.startsWith("id: ") || !block.includes("\nevent: annotation.changed\n")) continue;
        const at = now();
        const data = JSON.parse(block.slice(block.indexOf("\ndata: ") + 7));
        for (const id of data.data.annotationIds) received.push([id, at]);
      }
    }
  })();
  await helloSeen;
}

const opened = [];
for (let i = 0; i < count; i++) {
  const received = [];
  streams.push(received);
  opened.push(open(received));
  // Do not open hundreds of connections in the same millisecond.
  if (i % 20 === 19) await new Promise((r) => setTimeout(r, 50));
}
await Promise.all(opened);
parentPort.postMessage({ type: "connected" });
parentPort.on("message", (m) => {
  if (m.type === "report") parentPort.postMessage({ type: "report", streams, disconnects });
});
