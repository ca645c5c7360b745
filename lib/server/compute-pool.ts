import "server-only";
import path from "node:path";
import { availableParallelism } from "node:os";
import Piscina from "piscina";
import type { JSONContent } from "@tiptap/core";
import type { AgreementReport } from "@/lib/agreement";
import type { AgreementColumns } from "@/lib/server/agreement/find-article-annotations";
import type { TokenAgreementOptions } from "@/lib/agreement/tokens";
import type { ExtractionOutcome, WebPageInput } from "@/lib/capture/extract-web-page";
import type { PdfParagraph } from "@/lib/capture/pdf-layout";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { W3CBatchFormatter } from "@/lib/export/w3c";
import type { W3CItemsTask } from "@/lib/export/w3c-items";
import type { AnchoredHighlight, ImportFormat, ImportProblem, ImportedHighlight, ParsedImport } from "@/lib/import";

/**
 * The pool of worker threads for heavy pure computations (agreement, import
 * parsing and anchoring, captured pages, PDFs and HTML read into articles). The worker file, resolved from the project directory at run time: it stays
 * outside Next.js's server bundle (piscina is in serverExternalPackages), so
 * `next start` and the tests load the same file.
 */
const WORKER = path.join(process.cwd(), "lib", "workers", "compute-worker.mjs");

const globalForPool = globalThis as unknown as { marginaliaComputePool?: Piscina };

function pool(): Piscina {
  globalForPool.marginaliaComputePool ??= new Piscina({
    filename: WORKER,
    // Leave a core for the request threads; a thread starts on first use and stays warm a while.
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
    idleTimeout: 5 * 60_000,
  });
  return globalForPool.marginaliaComputePool;
}

export type AgreementTask = {
  text: string;
  /** The analysts' spans; their typed arrays move to the worker (unusable here afterwards). */
  columns: AgreementColumns;
  options: TokenAgreementOptions;
} & (
  | { output: "report" }
  /** `{ data: { ...head, report } }` as UTF-8 JSON bytes. */
  | { output: "json"; head: Record<string, unknown> }
  /** `agreementReportToCsv` with the analysts' names for their ids; the header only without spans. */
  | { output: "csv"; names: string[] }
);

/**
 * `agreementReport` (lib/agreement), and its JSON or CSV, computed on a
 * worker thread, so that a comparison of any size never blocks the event
 * loop serving other requests.
 */
export function runAgreement(task: AgreementTask): Promise<AgreementReport | string | Uint8Array<ArrayBuffer>> {
  const { annotator, start, end, label } = task.columns;
  return pool().run(task, { transferList: [annotator.buffer, start.buffer, end.buffer, label.buffer] });
}

/** `parseAnnotationFile` (lib/import) on a worker thread: a file of 100,000 annotations takes seconds. */
export function parseImportOffThread(
  format: Exclude<ImportFormat, "hypothesis">,
  content: string,
): Promise<ParsedImport> {
  return pool().run({ format, content }, { name: "parseImport" });
}

/** `anchorImportedHighlights` (lib/import) on a worker thread. */
export function anchorImportOffThread(
  text: string,
  highlights: readonly ImportedHighlight[],
): Promise<{ anchored: AnchoredHighlight[]; problems: ImportProblem[] }> {
  return pool().run({ text, highlights }, { name: "anchorImport" });
}

/**
 * A W3C export's batch formatter (lib/export/w3c.ts) that runs on a worker
 * thread: formatting and serializing 100,000 annotations held the request
 * thread for seconds (bench/README.md, availability).
 */
export function w3cFormatterOffThread(baseUrl: string, workspaceId: string): W3CBatchFormatter {
  return (article, annotations) => {
    const task: W3CItemsTask = { baseUrl, workspaceId, article: { ...article, relations: undefined }, annotations };
    return pool().run(task, { name: "formatW3C" });
  };
}

/** `extractWebPage` (lib/capture) on a worker thread: decoding, parsing and Readability of a page up to 5 MB. */
export function extractWebPageOffThread(input: WebPageInput): Promise<ExtractionOutcome> {
  return pool().run(input, { name: "extractWebPage" });
}

type HtmlConversion =
  | { ok: true; content: JSONContent }
  | { ok: false; code: ErrorCode; message: string; details: Record<string, unknown> | null };

/**
 * `contentFromHtml` (lib/content/html.ts: DOMPurify on jsdom, then
 * ProseMirror) on a worker thread, with the same result and the same
 * AppError: sanitizing 5 MB of markup takes seconds of CPU, which would
 * otherwise hold up every other request.
 */
export async function contentFromHtmlOffThread(html: string): Promise<JSONContent> {
  const outcome: HtmlConversion = await pool().run({ html }, { name: "contentFromHtml" });
  if (outcome.ok) return outcome.content;
  throw new AppError(outcome.code, outcome.message, outcome.details ? { details: outcome.details } : {});
}

export type PdfExtraction =
  | { ok: true; paragraphs: PdfParagraph[]; pages: number }
  | { ok: false; reason: "encrypted" | "invalid" | "pages" | "no-text"; message: string };

/** A PDF's paragraphs in reading order (pdfjs-dist, then lib/capture/pdf-layout) on a worker thread. */
export function extractPdfOffThread(bytes: Uint8Array, maxPages: number): Promise<PdfExtraction> {
  return pool().run({ bytes, maxPages }, { name: "extractPdf" });
}
