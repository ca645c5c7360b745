import { createOffsetConverter, type OffsetConverter } from "@/lib/anchoring/unicode";
import {
  annotationPage,
  exportedRelations,
  isAnchored,
  type ExportAnnotation,
  type ExportArticle,
  type ExportSource,
} from "./types";

/**
 * The one-row-per-annotation table shared by CSV and XLSX. `start`/`end` count
 * Unicode code points into the revision's canonical text (as W3C, brat and
 * Python do); they are empty for an orphaned annotation, whose stored range no
 * longer holds its quote. `page` is the PDF page the annotation starts on, for
 * articles imported from a PDF.
 */
export const TABLE_COLUMNS = [
  "article_id",
  "article",
  "annotation_id",
  "quote",
  "start",
  "end",
  "page",
  "entity",
  "entity_type",
  "entity_external_id",
  "author",
  "status",
  "reviewed_by",
  "reviewed_at",
  "rejection_reason",
  "anchor_state",
  "note",
  "created",
  "updated",
  "thread_size",
  "comments",
] as const;

export type TableColumn = (typeof TABLE_COLUMNS)[number];
export type TableRow = Record<TableColumn, string | number | null>;

/** A thread as one cell: "Author: text" per comment, separated by a blank line. */
export function joinComments(annotation: ExportAnnotation): string {
  return annotation.comments.map((c) => `${c.author.name}: ${c.text}`).join("\n\n");
}

export function tableRow(article: ExportArticle, annotation: ExportAnnotation, converter: OffsetConverter): TableRow {
  const anchored = isAnchored(article, annotation);
  return {
    article_id: article.id,
    article: article.title,
    annotation_id: annotation.id,
    quote: annotation.exact,
    start: anchored ? converter.toCodePoint(annotation.start) : null,
    end: anchored ? converter.toCodePoint(annotation.end) : null,
    page: annotationPage(article, annotation),
    entity: annotation.entity?.name ?? null,
    entity_type: annotation.entity?.type.name ?? null,
    entity_external_id: annotation.entity?.externalId ?? null,
    author: annotation.author.name,
    status: annotation.status.toLowerCase(),
    reviewed_by: annotation.reviewedBy?.name ?? null,
    reviewed_at: annotation.reviewedAt?.toISOString() ?? null,
    rejection_reason: annotation.rejectionReason,
    anchor_state: annotation.anchorState.toLowerCase(),
    note: annotation.note,
    created: annotation.createdAt.toISOString(),
    updated: annotation.updatedAt.toISOString(),
    thread_size: annotation.comments.length,
    comments: joinComments(annotation),
  };
}

/** The table's rows, one per annotation, in the source's order. */
export async function* tableRows(source: ExportSource): AsyncGenerator<TableRow> {
  let articleId: string | null = null;
  let converter: OffsetConverter | null = null;
  for await (const { article, annotations } of source) {
    if (article.id !== articleId || !converter) {
      articleId = article.id;
      converter = createOffsetConverter(article.text);
    }
    for (const annotation of annotations) yield tableRow(article, annotation, converter);
  }
}

/**
 * The relations table (the CSV export's `relations` file, the XLSX's
 * "Relations" sheet): one row per relation whose two ends are among the
 * exported annotations, so the same filters select both tables and every
 * `source_id`/`target_id` is an `annotation_id` of the annotations table.
 * `direction` is `directed` (source → target) or `symmetric`; the pages are
 * those the ends start on, for articles imported from a PDF.
 */
export const RELATION_COLUMNS = [
  "article_id",
  "article",
  "relation_id",
  "type",
  "direction",
  "source_id",
  "source_quote",
  "source_page",
  "target_id",
  "target_quote",
  "target_page",
  "author",
  "status",
  "rejection_reason",
  "note",
  "created",
] as const;

export type RelationColumn = (typeof RELATION_COLUMNS)[number];
export type RelationRow = Record<RelationColumn, string | number | null>;

/** What the relations table says of an exported annotation. */
export type RelationEnd = { quote: string; page: number | null };

export function relationEnd(article: ExportArticle, annotation: ExportAnnotation): RelationEnd {
  return { quote: annotation.exact, page: annotationPage(article, annotation) };
}

/** The rows of an article's relations whose two ends are in `ends` (the exported annotations). */
export function relationRows(article: ExportArticle, ends: ReadonlyMap<string, RelationEnd>): RelationRow[] {
  return exportedRelations(article, new Set(ends.keys())).map((r) => ({
    article_id: article.id,
    article: article.title,
    relation_id: r.id,
    type: r.type.name,
    direction: r.type.directed ? "directed" : "symmetric",
    source_id: r.sourceId,
    source_quote: ends.get(r.sourceId)?.quote ?? "",
    source_page: ends.get(r.sourceId)?.page ?? null,
    target_id: r.targetId,
    target_quote: ends.get(r.targetId)?.quote ?? "",
    target_page: ends.get(r.targetId)?.page ?? null,
    author: r.author.name,
    status: r.status.toLowerCase(),
    rejection_reason: r.rejectionReason ?? "",
    note: r.note ?? "",
    created: r.createdAt.toISOString(),
  }));
}

/**
 * The relations table's rows, article by article, in the source's order:
 * an article's rows follow once its last annotation page has been read.
 */
export async function* relationTableRows(source: ExportSource): AsyncGenerator<RelationRow> {
  let current: ExportArticle | null = null;
  let ends = new Map<string, RelationEnd>();
  for await (const { article, annotations } of source) {
    if (article.id !== current?.id) {
      if (current) yield* relationRows(current, ends);
      current = article;
      ends = new Map();
    }
    if (!article.relations?.length) continue;
    for (const annotation of annotations) ends.set(annotation.id, relationEnd(article, annotation));
  }
  if (current) yield* relationRows(current, ends);
}
