import { createOffsetConverter } from "@/lib/anchoring/unicode";
import { jsonArrayParts } from "./doccano";
import {
  articleSpans,
  spanLabel,
  type ExportAnnotation,
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
 * `doc.char_span` takes). `user_data` carries the article's id and title.
 * Orphaned annotations are left out.
 */
export type SpacySpan = { start: number; end: number; label: string };
export type SpacyDoc = {
  text: string;
  ents: SpacySpan[];
  spans: { sc: SpacySpan[] };
  user_data: { id: string; title: string; revision: number };
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
  article: { id: string; title: string; revisionNumber: number; text: string },
  annotations: ReadonlyArray<Pick<ExportAnnotation, "start" | "end"> & Labelled>,
): SpacyDoc {
  const converter = createOffsetConverter(article.text);
  const spans = annotations.map((a) => ({
    start: converter.toCodePoint(a.start),
    end: converter.toCodePoint(a.end),
    label: spanLabel(a),
  }));
  return {
    text: article.text,
    ents: nonOverlapping(spans),
    spans: { sc: spans },
    user_data: { id: article.id, title: article.title, revision: article.revisionNumber },
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
