import { z } from "zod";
import { storableDate, text } from "@/lib/validations/storable";
import { annotationStatusSchema } from "@/lib/validations/annotation";

/** The export formats (lib/export), in the order the export dialog lists them. */
export const exportFormats = [
  "w3c",
  "csv",
  "csv-relations",
  "xlsx",
  "jsonl",
  "brat",
  "conll",
  "spacy",
  "html",
] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportFormatLabels: Record<ExportFormat, { label: string; description: string }> = {
  w3c: {
    label: "W3C Web Annotation (JSON-LD)",
    description: "For annotation tools: quote and code-point position selectors, entities, threads, review status.",
  },
  csv: { label: "CSV", description: "One row per annotation, for spreadsheets and scripts." },
  "csv-relations": {
    label: "CSV — relations",
    description: "The file that goes with the CSV: one row per relation between its annotations (same filters).",
  },
  xlsx: { label: "Excel (XLSX)", description: "The CSV's two tables as a workbook: annotations and relations." },
  jsonl: { label: "doccano JSONL", description: "Text and entity spans per article." },
  brat: { label: "brat standoff (.zip)", description: ".txt and .ann per article, with notes and status." },
  conll: { label: "CoNLL-2003 BIO", description: "Token and tag per line, sentence by sentence." },
  spacy: { label: "spaCy JSON", description: "Text with entity spans (ents and spans)." },
  html: {
    label: "Printable report (HTML)",
    description: "The article with highlights, footnoted threads and an entity index.",
  },
};

const id = text().min(1).max(64);
const date = z.iso.date("Use a date such as 2026-11-25.").refine(...storableDate);

/** The filters and format of an export, as query parameters (`?format=…&status=…`). */
export const exportQueryBaseSchema = z.object({
  format: z.enum(exportFormats, { message: `format must be one of ${exportFormats.join(", ")}.` }).default("w3c"),
  status: annotationStatusSchema.optional(),
  entityTypeId: id.optional(),
  authorId: id.optional(),
  articleId: id.optional(),
  from: date.optional(),
  to: date.optional(),
  /** NER formats (CoNLL, spaCy, doccano): include untagged highlights under this label; left out without it. */
  untaggedLabel: z
    .string()
    .trim()
    .min(1, "Name the label for untagged highlights.")
    .max(50)
    .regex(/^[^\s]+$/u, "The label cannot contain spaces.")
    .optional(),
  /**
   * NER formats: `1` answers, instead of the file, a JSON report of what the
   * export leaves out or adjusts (untagged highlights, spans widened to words).
   */
  report: z.literal("1", { message: "report must be 1." }).optional(),
});

const datesInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const datesMessage = { message: "from must not be after to.", path: ["to"] };

/**
 * The query of an export. Filters narrow the annotations; `from`/`to` are
 * inclusive dates (UTC) of the annotation's creation.
 */
export const exportQuerySchema = exportQueryBaseSchema.refine(datesInOrder, datesMessage);
export type ExportQuery = z.infer<typeof exportQuerySchema>;
export type ExportFilters = Omit<ExportQuery, "format"> & {
  /** Only these annotations (a search's annotation results: GET …/search/export). */
  annotationIds?: readonly string[];
};

/** An article's export: the article comes from the path. */
export const articleExportQuerySchema = exportQueryBaseSchema
  .omit({ articleId: true })
  .refine(datesInOrder, datesMessage);
