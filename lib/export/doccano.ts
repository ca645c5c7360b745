import { pageAt } from "@/lib/capture/pages";
import { createOffsetConverter } from "@/lib/anchoring/unicode";
import { articleSpans, exportedRelations, type ExportSource, type SpanOptions } from "./types";

/**
 * doccano's sequence-labelling JSONL: one line per article,
 * `{"id", "text", "label": [[start, end, "TYPE"], ...], "meta"}` with offsets
 * in **Unicode code points** (doccano and its Python tooling index `str`).
 * Labels are entity type names; untyped highlights are "Highlight".
 * Orphaned annotations are left out.
 *
 * For doccano's relation projects each line also has `entities` (the same
 * spans, `{id, label, start_offset, end_offset}`, ids 1, 2, … within the line)
 * and `relations` (`{id, from_id, to_id, type}` between those ids, for the
 * relations whose two ends are exported; `meta.relationIds` names them).
 */
export type DoccanoEntity = { id: number; label: string; start_offset: number; end_offset: number };
export type DoccanoRelation = { id: number; from_id: number; to_id: number; type: string };
export type DoccanoLine = {
  id: string;
  text: string;
  label: Array<[number, number, string]>;
  entities: DoccanoEntity[];
  relations: DoccanoRelation[];
  meta: {
    title: string;
    revision: number;
    annotationIds: string[];
    statuses: string[];
    relationIds: string[];
    /** For an article imported from a PDF: the page each label starts on. */
    pages?: Array<number | null>;
  };
};

export async function* doccanoLines(source: ExportSource, options: SpanOptions = {}): AsyncGenerator<DoccanoLine> {
  for await (const { article, spans: kept } of articleSpans(source, options)) {
    const converter = createOffsetConverter(article.text);
    const entityIds = new Map(kept.map((a, i) => [a.id, i + 1]));
    const relations = exportedRelations(article, new Set(entityIds.keys()));
    yield {
      id: article.id,
      text: article.text,
      label: kept.map((a) => [converter.toCodePoint(a.start), converter.toCodePoint(a.end), a.label]),
      entities: kept.map((a, i) => ({
        id: i + 1,
        label: a.label,
        start_offset: converter.toCodePoint(a.start),
        end_offset: converter.toCodePoint(a.end),
      })),
      relations: relations.map((r, i) => ({
        id: i + 1,
        from_id: entityIds.get(r.sourceId)!,
        to_id: entityIds.get(r.targetId)!,
        type: r.type.name,
      })),
      meta: {
        title: article.title,
        revision: article.revisionNumber,
        annotationIds: kept.map((a) => a.id),
        statuses: kept.map((a) => a.status.toLowerCase()),
        relationIds: relations.map((r) => r.id),
        ...(article.pages?.length ? { pages: kept.map((a) => pageAt(article.pages, a.start)) } : {}),
      },
    };
  }
}

/** JSON array items in groups, so that no output string holds a whole big array. */
export function* jsonArrayParts<T>(items: T[], group = 500): Generator<string> {
  yield "[";
  for (let i = 0; i < items.length; i += group) {
    yield (
      (i ? "," : "") +
      items
        .slice(i, i + group)
        .map((item) => JSON.stringify(item))
        .join(",")
    );
  }
  yield "]";
}

/** Streams the JSONL: each article's line is written in parts (its text, then its labels in groups). */
export async function* doccanoExport(source: ExportSource, options: SpanOptions = {}): AsyncGenerator<string> {
  for await (const line of doccanoLines(source, options)) {
    yield `{"id":${JSON.stringify(line.id)},"text":`;
    yield JSON.stringify(line.text);
    yield ',"label":';
    yield* jsonArrayParts(line.label);
    yield ',"entities":';
    yield* jsonArrayParts(line.entities);
    yield ',"relations":';
    yield* jsonArrayParts(line.relations);
    yield `,"meta":{"title":${JSON.stringify(line.meta.title)},"revision":${line.meta.revision},"annotationIds":`;
    yield* jsonArrayParts(line.meta.annotationIds);
    yield ',"statuses":';
    yield* jsonArrayParts(line.meta.statuses);
    yield ',"relationIds":';
    yield* jsonArrayParts(line.meta.relationIds);
    if (line.meta.pages) {
      yield ',"pages":';
      yield* jsonArrayParts(line.meta.pages);
    }
    yield "}}\n";
  }
}
