import { Readable } from "node:stream";
import type { ExportFormat } from "@/lib/validations/export";
import { articleFileBase, bratFiles } from "./brat";
import { conllExport } from "./conll";
import { CSV_MEDIA_TYPE, csvExport, csvRelationsExport } from "./csv";
import { doccanoExport } from "./doccano";
import { htmlReports } from "./html-report";
import type { ExportLinks } from "./links";
import { spacyExport } from "./spacy";
import type { ExportFile, ExportSource, SpanOptions } from "./types";
import { W3C_MEDIA_TYPE, w3cCollectionFiles, type W3CBatchFormatter } from "./w3c";
import { XLSX_MEDIA_TYPE, xlsxExport } from "./xlsx";
import { toBuffers, zipStream } from "./zip";

export { createExportLinks, type ExportLinks } from "./links";
export * from "./types";
export { nerExportReport, type NerExportReport } from "./ner-report";

/**
 * Puts the formats together: an article's export is one file (brat: a zip of
 * .txt, .ann and annotation.conf); a workspace's is a zip holding the
 * format's files. See lib/export/README.md for each format's contract.
 */
export type ExportScope =
  { kind: "article"; article: { id: string; title: string } } | { kind: "workspace"; name: string };

export type ExportOptions = {
  format: ExportFormat;
  scope: ExportScope;
  links: ExportLinks;
  /** The export's own URL: the W3C collection's id. */
  url: string;
  /** W3C annotations in the export, when counted beforehand (the collection's `total`). */
  w3cTotal?: number;
  created?: Date;
  /** Span formats: include untagged highlights under this label (left out without it). */
  untaggedLabel?: string | null;
  /** W3C: formats each batch of annotations (default: on this thread; the server passes its worker pool's). */
  w3cFormatBatch?: W3CBatchFormatter;
};

export type ExportDocument = { fileName: string; mediaType: string; body: Readable };

const single: Partial<Record<ExportFormat, (s: ExportSource, o: SpanOptions) => AsyncIterable<string>>> = {
  csv: csvExport,
  "csv-relations": csvRelationsExport,
  jsonl: doccanoExport,
  conll: conllExport,
  spacy: spacyExport,
};

async function* one(name: string, content: AsyncIterable<string | Uint8Array>): AsyncGenerator<ExportFile> {
  yield { name, content };
}

async function* text(value: string): AsyncGenerator<string> {
  yield value;
}

async function* htmlFiles(source: ExportSource): AsyncGenerator<ExportFile> {
  for await (const { article, html } of htmlReports(source)) {
    yield { name: `${articleFileBase(article)}.html`, content: text(html) };
  }
}

/** The files of an export, in order (what a zip holds). */
export function exportFiles(source: ExportSource, options: ExportOptions): AsyncIterable<ExportFile> {
  const { format } = options;
  if (format === "brat") return bratFiles(source);
  if (format === "w3c") {
    return w3cCollectionFiles(source, {
      links: options.links,
      collectionId: options.url,
      label:
        options.scope.kind === "article"
          ? `Annotations on “${options.scope.article.title}”`
          : `Annotations in ${options.scope.name}`,
      pageSize: options.scope.kind === "article" ? Number.POSITIVE_INFINITY : undefined,
      created: options.created,
      total: options.w3cTotal,
      formatBatch: options.w3cFormatBatch,
    });
  }
  if (format === "html") return htmlFiles(source);
  if (format === "xlsx") return one("annotations.xlsx", xlsxExport(source));
  const run = single[format];
  if (!run) throw new Error(`Unknown export format ${format}`);
  const name = format === "csv-relations" ? "relations" : "annotations";
  return one(`${name}.${extensions[format]}`, run(source, { untaggedLabel: options.untaggedLabel }));
}

const extensions: Record<ExportFormat, string> = {
  w3c: "jsonld",
  csv: "csv",
  "csv-relations": "csv",
  xlsx: "xlsx",
  jsonl: "jsonl",
  brat: "zip",
  conll: "conll",
  spacy: "spacy.json",
  html: "html",
};

/** The media type of each format's single-file download (an export that is a zip is application/zip). */
export const exportMediaTypes: Record<ExportFormat, string> = {
  w3c: W3C_MEDIA_TYPE,
  csv: CSV_MEDIA_TYPE,
  "csv-relations": CSV_MEDIA_TYPE,
  xlsx: XLSX_MEDIA_TYPE,
  jsonl: "application/jsonl; charset=utf-8",
  brat: "application/zip",
  conll: "text/plain; charset=utf-8",
  spacy: "application/json; charset=utf-8",
  html: "text/html; charset=utf-8",
};

/** Whether an export of `format` over `scope` is a zip archive. */
export function isZipExport(format: ExportFormat, scope: ExportScope["kind"]): boolean {
  return format === "brat" || scope === "workspace";
}

async function* contents(files: AsyncIterable<ExportFile>): AsyncGenerator<Buffer> {
  for await (const file of files) yield* toBuffers(file.content);
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The export as one download: its file name, media type and a byte stream
 * that pulls from `source` only as fast as it is read.
 */
export function exportDocument(source: ExportSource, options: ExportOptions): ExportDocument {
  const { format, scope } = options;
  const files = exportFiles(source, options);
  const created = options.created ?? new Date();
  if (isZipExport(format, scope.kind)) {
    const base =
      scope.kind === "article"
        ? articleFileBase(scope.article)
        : `${articleFileBase({ id: format, title: scope.name })}-${day(created)}`;
    return { fileName: `${base}.zip`, mediaType: "application/zip", body: zipStream(files, { mtime: created }) };
  }
  const base = scope.kind === "article" ? articleFileBase(scope.article) : "annotations";
  return {
    fileName: format === "csv-relations" ? `${base}-relations.csv` : `${base}.${extensions[format]}`,
    mediaType: exportMediaTypes[format],
    body: Readable.from(contents(files), { objectMode: false }),
  };
}
