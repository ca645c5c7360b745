import { createOffsetConverter } from "@/lib/anchoring/unicode";
import { byArticle, isAnchored, spanLabel, type ExportSource } from "./types";

/**
 * doccano's sequence-labelling JSONL: one line per article,
 * `{"id", "text", "label": [[start, end, "TYPE"], ...], "meta"}` with offsets
 * in **Unicode code points** (doccano and its Python tooling index `str`).
 * Labels are entity type names; untyped highlights are "Highlight".
 * Orphaned annotations are left out.
 */
export type DoccanoLine = {
  id: string;
  text: string;
  label: Array<[number, number, string]>;
  meta: { title: string; revision: number; annotationIds: string[]; statuses: string[] };
};

export async function* doccanoLines(source: ExportSource): AsyncGenerator<DoccanoLine> {
  for await (const { article, annotations } of byArticle(source)) {
    const converter = createOffsetConverter(article.text);
    const kept = annotations.filter((annotation) => isAnchored(article, annotation));
    yield {
      id: article.id,
      text: article.text,
      label: kept.map((a) => [converter.toCodePoint(a.start), converter.toCodePoint(a.end), spanLabel(a)]),
      meta: {
        title: article.title,
        revision: article.revisionNumber,
        annotationIds: kept.map((a) => a.id),
        statuses: kept.map((a) => a.status.toLowerCase()),
      },
    };
  }
}

export async function* doccanoExport(source: ExportSource): AsyncGenerator<string> {
  for await (const line of doccanoLines(source)) yield `${JSON.stringify(line)}\n`;
}
