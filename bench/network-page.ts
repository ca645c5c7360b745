// The benchmark page's script (bundled by bench/network.mjs with esbuild): the
// entity network view's own renderer, fed a synthetic network, instrumented.
import { createNetworkRenderer, type NetworkRenderer } from "@/components/entity-network/network-renderer";
import type { EntityNetwork } from "@/lib/entity-network/types";

type Probe = {
  renderer: NetworkRenderer | null;
  /** Every sigma render: when it started and how long it took (ms). */
  renders: { at: number; ms: number }[];
  longTasks: { at: number; ms: number }[];
  frames: number[];
  recordingFrames: boolean;
};

const probe: Probe = { renderer: null, renders: [], longTasks: [], frames: [], recordingFrames: false };

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) probe.longTasks.push({ at: e.startTime, ms: e.duration });
}).observe({ type: "longtask", buffered: true });

function frameLoop(now: number) {
  if (probe.recordingFrames) probe.frames.push(now);
  requestAnimationFrame(frameLoop);
}
requestAnimationFrame(frameLoop);

/** Draws the network; resolves with the time to the first drawn frame (graph built, first render, painted). */
function mount(network: EntityNetwork): Promise<{ buildMs: number; firstRenderMs: number }> {
  const container = document.getElementById("graph")!;
  const started = performance.now();
  return new Promise((resolve) => {
    let renderStart = 0;
    let buildMs = 0;
    const renderer = createNetworkRenderer(container, network);
    buildMs = performance.now() - started;
    renderer.sigma.on("beforeRender", () => (renderStart = performance.now()));
    renderer.sigma.on("afterRender", () => {
      probe.renders.push({ at: renderStart, ms: performance.now() - renderStart });
    });
    probe.renderer = renderer;
    // Sigma renders synchronously on creation; the next frame is the one that shows it.
    requestAnimationFrame(() => setTimeout(() => resolve({ buildMs, firstRenderMs: performance.now() - started })));
  });
}

Object.assign(window, { __network: { probe, mount } });
