import "server-only";
import { Readable } from "node:stream";
import { exportDocument, createExportLinks, nerExportReport, type ExportScope } from "@/lib/export";
import { AppError } from "@/lib/errors";
import type { ExportFormat, ExportQuery } from "@/lib/validations/export";
import { findAnnotationVisibility, type AnnotationViewer } from "@/lib/server/assignments/visible-authors";
import { countExport, exportRows } from "@/lib/server/exports/export-rows";
import { w3cFormatterOffThread } from "@/lib/server/compute-pool";

/** Formats that read only offsets, quotes and labels. */
const SPAN_FORMATS = new Set<ExportFormat>(["jsonl", "conll", "spacy", "csv-relations"]);

/**
 * A web stream that reads `body` only when its consumer asks (no read-ahead
 * queue): the database is paged no faster than the client downloads.
 */
export function pullStream(body: Readable): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(typeof value === "string" ? Buffer.from(value) : new Uint8Array(value));
      },
      async cancel() {
        await chunks.return?.();
        body.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

/** `attachment` with an ASCII fallback and the RFC 5987 UTF-8 name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Streams an export as an HTTP download. The body pulls rows from the
 * database only as fast as the client reads (backpressure end to end); an
 * error mid-stream aborts the response instead of ending a truncated file.
 */
export async function exportResponse(options: {
  req: Request;
  workspaceId: string;
  query: ExportQuery;
  scope: ExportScope;
  /** Who exports: the blind-annotation rule applies to exports as to every read. */
  viewer: AnnotationViewer;
  /** Only these annotations (a search's results). */
  annotationIds?: readonly string[];
}): Promise<Response> {
  const { req, workspaceId, scope, viewer } = options;
  const { format, untaggedLabel, report, ...query } = options.query;
  const filters = options.annotationIds ? { ...query, annotationIds: options.annotationIds } : query;
  const base = process.env.NEXTAUTH_URL ?? new URL(req.url).origin;
  const links = createExportLinks(base, workspaceId);
  const url = new URL(new URL(req.url).pathname + new URL(req.url).search, base).toString();
  const visibility = await findAnnotationVisibility({ workspaceId, viewer, articleId: filters.articleId });
  if (report) {
    if (format !== "conll" && format !== "spacy" && format !== "jsonl") {
      throw new AppError("UNPROCESSABLE", "A report is available for the CoNLL, spaCy and doccano formats.", {
        details: { fieldErrors: { report: ["Only with format conll, spacy or jsonl."] } },
      });
    }
    const rows = exportRows({ workspaceId, filters, visibility, detail: "spans" });
    return Response.json({ data: await nerExportReport(rows, format, { untaggedLabel }) });
  }
  const w3cTotal = format === "w3c" ? await countExport({ workspaceId, filters, visibility }) : undefined;
  const detail = SPAN_FORMATS.has(format) ? "spans" : "full";
  const doc = exportDocument(exportRows({ workspaceId, filters, visibility, detail }), {
    format,
    scope,
    links,
    url,
    w3cTotal,
    untaggedLabel,
    w3cFormatBatch: format === "w3c" ? w3cFormatterOffThread(base, workspaceId) : undefined,
  });
  return new Response(pullStream(doc.body), {
    headers: {
      "content-type": doc.mediaType,
      "content-disposition": contentDisposition(doc.fileName),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
