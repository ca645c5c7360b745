// `npm run bench:network`: the entity network view with 2,000 entities and 20,000 links (issue 5).
//
// Bundles bench/network-page.ts — the view's own renderer (components/entity-network/network-renderer.ts:
// sigma + graphology, ForceAtlas2 in a web worker) — with esbuild, serves it on 127.0.0.1, and in
// headless Chromium (the e2e flags, so software WebGL) measures per round: the time to the first drawn
// frame, the layout until it settles (or its time budget ends), frame times and long tasks while it runs,
// then 2 s of wheel zoom and drag pan, and hovering 30 nodes. Prints a table, writes
// bench/results/network.json. Needs Chromium at /usr/bin/chromium (or PLAYWRIGHT_CHROMIUM_PATH).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execSync } from "node:child_process";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { generateNetwork } from "./generate-network.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = path.join(root, "bench", "out", "network-page");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const INTERACTION_MS = 2000;
const HOVERS = 30;
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? null };
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round1 = (x) => (x === null ? null : Math.round(x * 10) / 10);
const intervals = (times) => times.slice(1).map((t, i) => t - times[i]);

async function bundle() {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(root, "bench", "network-page.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2022",
    outfile: path.join(outDir, "network-page.js"),
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
  });
  writeFileSync(path.join(outDir, "index.html"), readFileSync(path.join(root, "bench", "network-page.html")));
}

function serve() {
  const files = { "/": ["index.html", "text/html"], "/network-page.js": ["network-page.js", "text/javascript"] };
  const server = http.createServer((req, res) => {
    const file = files[req.url];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": file[1] }).end(readFileSync(path.join(outDir, file[0])));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Long tasks and sigma renders that started in [from, to), and frame intervals recorded meanwhile. */
async function window_(page, from) {
  return page.evaluate((since) => {
    const { probe } = window.__network;
    const frames = probe.frames.slice();
    probe.frames.length = 0;
    return {
      longTasks: probe.longTasks.filter((t) => t.at >= since).map((t) => t.ms),
      renders: probe.renders.filter((r) => r.at >= since).map((r) => r.ms),
      frames,
      now: performance.now(),
    };
  }, from);
}

async function measureRound(browser, url, network) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.evaluate(() => (window.__network.probe.recordingFrames = true));
  const mountedAt = await page.evaluate(() => performance.now());
  const mounted = await page.evaluate((data) => window.__network.mount(data), network);

  const layout = await page.evaluate(() => window.__network.probe.renderer.layoutDone());
  const duringLayout = await window_(page, mountedAt);

  // Zoom and pan for INTERACTION_MS: a wheel notch every fifth step, a drag otherwise.
  const box = await page.locator("#graph").boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const interactionFrom = await page.evaluate(() => performance.now());
  const until = Date.now() + INTERACTION_MS;
  let step = 0;
  let wheelEvents = 0;
  let dragMoves = 0;
  while (Date.now() < until) {
    if (step % 5 === 0) {
      await page.mouse.move(cx, cy);
      await page.mouse.wheel(0, step % 10 === 0 ? -120 : 100);
      wheelEvents++;
    } else {
      await page.mouse.move(cx - 60, cy);
      await page.mouse.down();
      for (let i = 1; i <= 6; i++) {
        await page.mouse.move(cx - 60 + i * 20, cy + (step % 2 ? 8 : -8) * i);
        dragMoves++;
      }
      await page.mouse.up();
    }
    step++;
  }
  const interaction = await window_(page, interactionFrom);

  // Hover: reset the camera, then enter the biggest nodes one after the other; the view's enterNode handler
  // refreshes every node and edge through the reducers (neighbours stay, the rest fade, only the node's own
  // links are drawn) and renders synchronously. Leaving the last restores the whole graph.
  await page.evaluate(() => window.__network.probe.renderer.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1 }));
  await page.waitForTimeout(300);
  const targets = await page.evaluate((n) => {
    const { sigma } = window.__network.probe.renderer;
    const graph = sigma.getGraph();
    const rect = sigma.getContainer().getBoundingClientRect();
    return graph
      .nodes()
      .slice(0, n)
      .map((node) => {
        const p = sigma.graphToViewport(graph.getNodeAttributes(node));
        return { node, x: rect.left + p.x, y: rect.top + p.y };
      })
      .filter((p) => p.x > rect.left && p.x < rect.right && p.y > rect.top && p.y < rect.bottom);
  }, HOVERS);
  await page.evaluate(() => {
    const { probe } = window.__network;
    const { sigma } = probe.renderer;
    probe.hovers = [];
    let movedAt = 0;
    sigma.getContainer().addEventListener("mousemove", (e) => (movedAt = e.timeStamp), { capture: true });
    // Reading a pixel waits for the GPU to finish the frame, so these times include drawing it.
    sigma.on("enterNode", () => {
      sigma.getNodeAtPosition({ x: 0, y: 0 });
      probe.hovers.push(performance.now() - movedAt);
    });
    probe.restore = () =>
      new Promise((resolve) =>
        sigma.once("afterRender", () => {
          sigma.getNodeAtPosition({ x: 0, y: 0 });
          resolve(performance.now() - movedAt);
        }),
      );
  });
  const hoverFrom = await page.evaluate(() => performance.now());
  // Straight from node to node, as a pointer sweeping the graph does.
  for (const t of targets) {
    await page.mouse.move(t.x, t.y);
    await page.waitForTimeout(60);
  }
  const restored = page.evaluate(() => window.__network.probe.restore());
  await page.mouse.move(box.x + 2, box.y + 2);
  const restoreMs = await restored;
  const hover = await window_(page, hoverFrom);
  const hovers = await page.evaluate(() => window.__network.probe.hovers);

  // A filter change (the weight slider): reducers hide the weak links, one render.
  const filterMs = await page.evaluate(() => {
    const started = performance.now();
    window.__network.probe.renderer.setFilter({ hiddenTypes: new Set(), minWeight: 2 });
    return performance.now() - started;
  });
  const drawn = await page.evaluate(() => {
    const graph = window.__network.probe.renderer.sigma.getGraph();
    return { nodes: graph.order, edges: graph.size };
  });
  await page.close();

  return {
    drawn,
    buildMs: round1(mounted.buildMs),
    firstFrameMs: round1(mounted.firstRenderMs),
    layout: {
      ms: layout.ms,
      settled: layout.settled,
      frameIntervals: roundStats(stats(intervals(duringLayout.frames))),
      renderMs: roundStats(stats(duringLayout.renders)),
      longTasks: duringLayout.longTasks.length,
      longestTaskMs: round1(Math.max(0, ...duringLayout.longTasks)),
    },
    interaction: {
      wheelEvents,
      dragMoves,
      frames: interaction.frames.length,
      frameIntervals: roundStats(stats(intervals(interaction.frames))),
      renderMs: roundStats(stats(interaction.renders)),
      longTasks: interaction.longTasks.length,
      longestTaskMs: round1(Math.max(0, ...interaction.longTasks)),
    },
    hover: {
      hovered: hovers.length,
      responseMs: roundStats(stats(hovers)),
      restoreMs: round1(restoreMs),
      longTasks: hover.longTasks.length,
      longestTaskMs: round1(Math.max(0, ...hover.longTasks)),
    },
    filterMs: round1(filterMs),
  };
}

const roundStats = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === "count" ? v : round1(v)]));

async function main() {
  const network = generateNetwork({ nodes: 2000, edges: 20000 });
  await bundle();
  const server = await serve();
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const rounds = [];
  try {
    const renderer = await (async () => {
      const page = await browser.newPage();
      await page.goto(url);
      const gl = await page.evaluate(() => {
        const gl = document.createElement("canvas").getContext("webgl2");
        const info = gl?.getExtension("WEBGL_debug_renderer_info");
        return gl ? gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) : "none";
      });
      await page.close();
      return gl;
    })();
    for (let i = 0; i < ROUNDS; i++) {
      const result = await measureRound(browser, url, network);
      rounds.push(result);
      console.log(
        `round ${i + 1}: first frame ${result.firstFrameMs} ms, layout ${result.layout.ms} ms` +
          ` (${result.layout.settled ? "settled" : "budget"}), zoom/pan frame p95 ${result.interaction.frameIntervals.p95} ms,` +
          ` hover p50 ${result.hover.responseMs.p50} ms`,
      );
    }
    const summary = {
      firstFrameMs: median(rounds.map((r) => r.firstFrameMs)),
      layoutMs: median(rounds.map((r) => r.layout.ms)),
      layoutSettled: rounds.filter((r) => r.layout.settled).length,
      layoutFrameP50: median(rounds.map((r) => r.layout.frameIntervals.p50)),
      layoutFrameP95: median(rounds.map((r) => r.layout.frameIntervals.p95)),
      interactionFrameP50: median(rounds.map((r) => r.interaction.frameIntervals.p50)),
      interactionFrameP95: median(rounds.map((r) => r.interaction.frameIntervals.p95)),
      interactionFrameMax: median(rounds.map((r) => r.interaction.frameIntervals.max)),
      interactionRenderP50: median(rounds.map((r) => r.interaction.renderMs.p50)),
      interactionLongTasks: median(rounds.map((r) => r.interaction.longTasks)),
      hoverP50: median(rounds.map((r) => r.hover.responseMs.p50)),
      hoverP95: median(rounds.map((r) => r.hover.responseMs.p95)),
      unhoverRestoreMs: median(rounds.map((r) => r.hover.restoreMs)),
      filterMs: median(rounds.map((r) => r.filterMs)),
    };
    const result = {
      date: new Date().toISOString(),
      commit: execSync("git rev-parse --short HEAD", { cwd: root }).toString().trim(),
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        loadAverage1m: round1(os.loadavg()[0]),
        node: process.version,
        chromium: browser.version(),
        webgl: renderer,
      },
      graph: { nodes: network.nodes.length, edges: network.edges.length },
      rounds: ROUNDS,
      summary,
      results: rounds,
    };
    mkdirSync(path.join(root, "bench", "results"), { recursive: true });
    writeFileSync(path.join(root, "bench", "results", "network.json"), JSON.stringify(result, null, 2) + "\n");
    console.table(summary);
    console.log("Wrote bench/results/network.json");
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
