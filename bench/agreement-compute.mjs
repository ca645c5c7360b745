// In-process timings of the agreement's computation for the availability benchmark's article
// (80 analysts × 80 entity types, two highlights each, on a 3,000-word article): less noisy than
// timing the route over HTTP on a shared machine. `node --import tsx bench/agreement-compute.mjs`
// (BENCH_AGREEMENT_ROUNDS, BENCH_AGREEMENT_ANALYSTS, BENCH_AGREEMENT_TYPES).
import { agreementReport } from "@/lib/agreement/report";
import { pairwiseSpanAgreement } from "@/lib/agreement/spans";
import { labelGrid, pairwiseTokenKappa, tokenAgreement } from "@/lib/agreement/tokens";
import { generateAnnotations, generateArticle } from "./generate-article.mjs";

const ANALYSTS = Number(process.env.BENCH_AGREEMENT_ANALYSTS ?? 80);
const TYPES = Number(process.env.BENCH_AGREEMENT_TYPES ?? 80);
const ROUNDS = Number(process.env.BENCH_AGREEMENT_ROUNDS ?? 7);

/** The same spans as bench/availability.mjs seeds in SQL. */
export function benchSpans() {
  const { text } = generateArticle({ words: 3000, seed: 77 });
  const pool = generateAnnotations(text, TYPES * 4, { seed: 5 });
  const spans = [];
  for (let a = 1; a <= ANALYSTS; a++) {
    const mine = [];
    for (let t = 1; t <= TYPES; t++) {
      for (const k of [0, 1]) {
        const s = pool[(4 * (t - 1) + k + (k === 1 && a % 3 === 0 ? 1 : 0)) % pool.length];
        mine.push({ start: s.start, end: s.end, label: `Type ${t}` });
      }
    }
    spans.push({ annotator: `bench-analyst-${a}`, spans: mine });
  }
  return { text, spans };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { text, spans } = benchSpans();
  // Wall time and this thread's CPU time (user + system): the CPU time moves less with other work on the machine.
  const times = {};
  const cpu = {};
  const time = (what, f) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = f();
    (times[what] ??= []).push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    (cpu[what] ??= []).push((c.user + c.system) / 1000);
    return out;
  };
  const options = { outside: "O", units: "all", pairLabels: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const report = time("report (pairType='')", () =>
      agreementReport(text, spans, { outside: "O", units: "all", pairLabels: [] }),
    );
    time("JSON.stringify first screen", () => JSON.stringify(report));
    time("report (pairType='Type 1')", () =>
      agreementReport(text, spans, { outside: "O", units: "all", pairLabels: ["Type 1"] }),
    );
    const grid = time("  labelGrid", () => labelGrid(text, spans, options));
    time("  tokenAgreement", () => tokenAgreement(text, spans, options, grid));
    time("  pairwiseTokenKappa", () => pairwiseTokenKappa(text, spans, options, grid));
    time("  pairwiseSpanAgreement exact", () => pairwiseSpanAgreement(spans, { mode: "exact", rowLabels: [] }));
    time("  pairwiseSpanAgreement overlap", () => pairwiseSpanAgreement(spans, { mode: "overlap", rowLabels: [] }));
  }
  for (const [what, xs] of Object.entries(times)) {
    console.log(
      `${what}: wall median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}), CPU median ${median(cpu[what]).toFixed(0)} ms (min ${Math.min(...cpu[what]).toFixed(0)}), ${xs.length} rounds`,
    );
  }
}
