// The export pipeline without the web server: exportRows → format → zip, in this process, for every
// format over the whole workspace, with the process's RSS and heap sampled every 20 ms. Run by
// bench/export.mjs on its scratch database (DATABASE_URL, EXPORT_WORKSPACE_ID); prints one JSON line.
// `tsx --conditions=react-server` lets the server-only modules load outside Next.js.
import { createExportLinks, exportDocument } from "@/lib/export";
import { db } from "@/lib/db";
import { SEES_EVERYTHING } from "@/lib/server/assignments/visible-authors";
import { countExport, exportRows, getWorkspaceName } from "@/lib/server/exports/export-rows";
import type { ExportFormat } from "@/lib/validations/export";

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => Math.round((bytes / 1_000_000) * 10) / 10;

async function main() {
  const workspaceId = process.env.EXPORT_WORKSPACE_ID!;
  const formats = (process.env.BENCH_EXPORT_FORMATS ?? "w3c,csv,brat,jsonl,conll,spacy,xlsx").split(
    ",",
  ) as ExportFormat[];
  const name = await getWorkspaceName(workspaceId);
  const links = createExportLinks("http://127.0.0.1", workspaceId);
  const results = [];
  for (const format of formats) {
    const run = async () => {
      const w3cTotal =
        format === "w3c" ? await countExport({ workspaceId, filters: {}, visibility: SEES_EVERYTHING }) : undefined;
      const detail = ["jsonl", "conll", "spacy"].includes(format) ? "spans" : "full";
      const pageSize = process.env.BENCH_EXPORT_PAGE_SIZE ? Number(process.env.BENCH_EXPORT_PAGE_SIZE) : undefined;
      const doc = exportDocument(
        exportRows({ workspaceId, filters: {}, visibility: SEES_EVERYTHING, detail, pageSize }),
        {
          format,
          scope: { kind: "workspace", name },
          links,
          url: "http://127.0.0.1/export",
          w3cTotal,
        },
      );
      let bytes = 0;
      for await (const chunk of doc.body) bytes += (chunk as Buffer).length;
      return bytes;
    };
    gc?.();
    const idle = process.memoryUsage();
    let peakRss = idle.rss;
    let peakHeap = idle.heapUsed;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    const t0 = performance.now();
    const bytes = await run();
    clearInterval(timer);
    // With --expose-gc: what is still held once the garbage is collected.
    gc?.();
    const afterGc = process.memoryUsage();
    results.push({
      format,
      mb: mb(bytes),
      ms: Math.round(performance.now() - t0),
      idleRssMb: mb(idle.rss),
      rssGrowthMb: mb(peakRss - idle.rss),
      heapGrowthMb: mb(peakHeap - idle.heapUsed),
      heapAfterGcMb: gc ? mb(afterGc.heapUsed - idle.heapUsed) : null,
    });
  }
  console.log(JSON.stringify(results));
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
