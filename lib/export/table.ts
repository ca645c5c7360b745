import { createOffsetConverter, type OffsetConverter } from "@/lib/anchoring/unicode";
import { annotationPage, isAnchored, type ExportAnnotation, type ExportArticle, type ExportSource } from "./types";

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
