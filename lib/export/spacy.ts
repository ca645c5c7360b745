import { createOffsetConverter } from "@/lib/anchoring/unicode";
import { jsonArrayParts } from "./doccano";
import {
  articleSpans,
  spanLabel,
  type ExportAnnotation,
  type ExportRelation,
  type ExportSource,
  type SpanOptions,
  type Labelled,
} from "./types";

/**
 * spaCy-compatible JSON: an array with one object per article in the shape
 * of `Doc.to_json()` — `text`, `ents` (non-overlapping entity spans, what
 * `doc.ents` can hold) and `spans.sc` (every span, overlaps included, for a
 * SpanCategorizer) — each span `{start, end, label}` with **character
 * offsets counted in Unicode code points** (Python `str` indices, what
 * `doc.char_span` takes). `user_data` carries the article's id and title,
 * and `relations`: one `{source, target, label, directed}` per relation whose
 * two ends are exported, `source`/`target` being `{start, end}` character
 * offsets of its ends (as `spans.sc`; `doc.char_span(start, end)` gives the
 * span, whether or not `ents` kept it). Orphaned annotations are left out.
 */
export type SpacySpan = { start: number; end: number; label: string };
export type SpacyRelation = {
  source: { start: number; end: number };
  target: { start: number; end: number };
  label: string;
  directed: boolean;
};
export type SpacyDoc = {
  text: string;
  ents: SpacySpan[];
  spans: { sc: SpacySpan[] };
  user_data: { id: string; title: string; revision: number; relations: SpacyRelation[] };
};

/**
 * Picks non-overlapping spans: earliest first, then longest; a span that
 * overlaps an already picked one is dropped (spaCy refuses overlapping ents).
 */
export function nonOverlapping<T extends { start: number; end: number }>(spans: T[]): T[] {
  const sorted = [...spans].sort((x, y) => x.start - y.start || y.end - x.end);
  const picked: T[] = [];
  let until = -1;
  for (const span of sorted) {
    if (span.start >= until) {
      picked.push(span);
      until = span.end;
    }
  }
  return picked;
}

export function spacyDoc(
  article: { id: string; title: string; revisionNumber: number; text: string; relations?: ExportRelation[] },
  annotations: ReadonlyArray<Pick<ExportAnnotation, "start" | "end"> & Labelled & { id?: string }>,
): SpacyDoc {
  const converter = createOffsetConverter(article.text);
  const ends = new Map(
    annotations.flatMap((a) =>
      a.id ? [[a.id, { start: converter.toCodePoint(a.start), end: converter.toCodePoint(a.end) }] as const] : [],
    ),
  );
  const relations: SpacyRelation[] = (article.relations ?? []).flatMap((r) => {
    const source = ends.get(r.sourceId);
    const target = ends.get(r.targetId);
    return source && target ? [{ source, target, label: r.type.name, directed: r.type.directed }] : [];
  });
  const spans = annotations.map((a) => ({
    start: converter.toCodePoint(a.start),
    end: converter.toCodePoint(a.end),
    label: spanLabel(a),
  }));
  return {
    text: article.text,
    ents: nonOverlapping(spans),
    spans: { sc: spans },
    user_data: { id: article.id, title: article.title, revision: article.revisionNumber, relations },
  };
}

/** Streams the JSON array, one article at a time. */
export async function* spacyExport(source: ExportSource, options: SpanOptions = {}): AsyncGenerator<string> {
  let first = true;
  yield "[";
  for await (const { article, spans } of articleSpans(source, options)) {
    const doc = spacyDoc(article, spans);
    // In parts: a big article's document is never one string in memory.
    yield `${first ? "\n" : ",\n"}{"text":`;
    yield JSON.stringify(doc.text);
    yield ',"ents":';
    yield* jsonArrayParts(doc.ents);
    yield ',"spans":{"sc":';
    yield* jsonArrayParts(doc.spans.sc);
    yield `},"user_data":${JSON.stringify(doc.user_data)}}`;
    first = false;
  }
  yield "\n]\n";
}
