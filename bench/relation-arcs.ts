// The arc layer's work per scroll frame (lib/relations/arc-layout): 2,000 relations between 5,000
// highlights spread over the page of a 50,000-word article (about 60,000 px tall), laid out for the
// viewport at 1,000 scroll positions. Ends are measured once per text change, not per frame, so this
// is what a scrolling reader pays in JavaScript per frame on top of painting. Prints one JSON line.
// Run: node node_modules/tsx/dist/cli.mjs bench/relation-arcs.ts
import { performance } from "node:perf_hooks";
import { layoutArcs, type ArcInput, type Box } from "@/lib/relations/arc-layout";

const PAGE = 60_000;
const VIEWPORT = 800;
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const ends: Box[] = Array.from({ length: 5000 }, () => {
  const top = Math.floor(random() * PAGE);
  const left = Math.floor(random() * 640);
  return { left, top, right: left + 40 + Math.floor(random() * 120), bottom: top + 18 };
});
const inputs: ArcInput[] = Array.from({ length: 2000 }, (_, i) => {
  const source = ends[Math.floor(random() * ends.length)];
  // Most relations link nearby mentions; one in five reaches anywhere in the article.
  const near = ends.filter((e) => Math.abs(e.top - source.top) < 600);
  const target = random() < 0.8 && near.length > 1 ? near[Math.floor(random() * near.length)] : ends[i % ends.length];
  return { id: `r${i}`, label: ["leads", "member of", "located in", "met with", "said"][i % 5], source, target };
});

const times: number[] = [];
let shapes = 0;
for (let i = 0; i < 1000; i++) {
  const top = Math.floor((i / 1000) * (PAGE - VIEWPORT));
  const t0 = performance.now();
  shapes += layoutArcs(inputs, { viewport: { top, bottom: top + VIEWPORT } }).length;
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const at = (q: number) => Math.round(times[Math.floor(q * (times.length - 1))] * 1000) / 1000;
console.log(
  JSON.stringify({
    relations: inputs.length,
    frames: times.length,
    shapesPerFrame: shapes / 1000,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    maxMs: at(1),
  }),
);
