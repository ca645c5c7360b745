import { expandToWords } from "@/lib/anchoring/word-boundaries";
import { nonOverlapping } from "./spacy";
import {
  articleSpans,
  spanLabel,
  type ExportAnnotation,
  type ExportSource,
  type SpanOptions,
  type Labelled,
} from "./types";

/**
 * CoNLL-2003-style BIO: per article a `-DOCSTART- O` line, then one
 * `token tag` line per token (space-separated, the tag `B-<Type>`,
 * `I-<Type>` or `O`), sentences separated by a blank line. The text is the
 * revision's canonical text; the format has no offsets, so the guarantee is
 * that an entity's tokens are exactly the tokens of its quote: tokens never
 * cross an entity boundary, and sentences never split an entity.
 *
 * Tokens: runs of letters, marks and digits (with inner apostrophes), an emoji
 * with its modifiers and ZWJ joins, or any other single non-space character.
 * Sentences: `Intl.Segmenter` sentence boundaries (line breaks included).
 * BIO cannot nest, so overlapping annotations keep the earliest, longest one.
 * Type names have their spaces replaced by `_`. Orphans are left out.
 * A span that starts or ends inside a word never splits it: it is widened
 * to the edges of the words it touches (see {@link snapToWords}).
 */

export type ConllToken = { text: string; start: number; end: number; tag: string };
export type ConllSentence = ConllToken[];

const TOKEN =
  /\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\u200D\p{Extended_Pictographic})*|\p{Regional_Indicator}{1,2}|[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}\p{N}_]+)*|\S/gu;

export const conllLabel = (label: string) => label.trim().replace(/\s+/g, "_") || "Entity";

function sentenceStarts(text: string, language: string | null): number[] {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(language ?? "en", { granularity: "sentence" });
  } catch {
    segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
  }
  return Array.from(segmenter.segment(text), (s) => s.index);
}

/**
 * Widens each span that starts or ends inside a word to that word's edge, so
 * tokenization never splits a word ("broad" in "abroad" is exported as
 * "abroad"); `adjusted` counts the spans widened.
 */
export function snapToWords<T extends { start: number; end: number }>(
  text: string,
  spans: readonly T[],
): { spans: T[]; adjusted: number } {
  let adjusted = 0;
  const snapped = spans.map((span) => {
    const { start, end } = expandToWords(text, span.start, span.end);
    if (start === span.start && end === span.end) return span;
    adjusted++;
    return { ...span, start, end };
  });
  return { spans: snapped, adjusted };
}

/** The article as tagged sentences; token offsets are UTF-16 indices into `text`. */
export function conllSentences(
  article: { text: string; language?: string | null },
  annotations: ReadonlyArray<Pick<ExportAnnotation, "start" | "end"> & Labelled>,
): ConllSentence[] {
  const { text } = article;
  const entities = nonOverlapping(
    snapToWords(
      text,
      annotations.map((a) => ({ start: a.start, end: a.end, label: conllLabel(spanLabel(a)) })),
    ).spans,
  );
  // Sentence boundaries inside an entity are dropped.
  const starts = sentenceStarts(text, article.language ?? null).filter(
    (b) => !entities.some((e) => e.start < b && b < e.end),
  );
  const cuts = [...new Set([...starts, text.length])].sort((x, y) => x - y);
  const boundaries = [...new Set([0, text.length, ...entities.flatMap((e) => [e.start, e.end])])].sort((x, y) => x - y);

  const sentences: ConllSentence[] = [];
  let e = 0;
  // Boundaries and entities are sorted, and so are sentences and tokens: one pass over each.
  let b = 0;
  for (let s = 0; s < cuts.length - 1; s++) {
    const from = cuts[s];
    const to = cuts[s + 1];
    const sentence: ConllSentence = [];
    while (b < boundaries.length && boundaries[b] <= from) b++;
    const pieces = [from];
    for (let k = b; k < boundaries.length && boundaries[k] < to; k++) pieces.push(boundaries[k]);
    pieces.push(to);
    // The entity whose B- tag this sentence has given: its later tokens are I-.
    let begun: (typeof entities)[number] | null = null;
    for (let p = 0; p < pieces.length - 1; p++) {
      const pieceStart = pieces[p];
      const piece = text.slice(pieceStart, pieces[p + 1]);
      for (const match of piece.matchAll(TOKEN)) {
        const start = pieceStart + (match.index ?? 0);
        const end = start + match[0].length;
        while (e < entities.length && entities[e].end <= start) e++;
        const entity = entities[e];
        let tag = "O";
        if (entity && entity.start <= start && end <= entity.end) {
          tag = `${begun === entity ? "I" : "B"}-${entity.label}`;
          begun = entity;
        }
        sentence.push({ text: match[0], start, end, tag });
      }
    }
    if (sentence.length) sentences.push(sentence);
  }
  return sentences;
}

export function conllDocument(
  article: { text: string; language?: string | null },
  annotations: ReadonlyArray<Pick<ExportAnnotation, "start" | "end"> & Labelled>,
): string {
  let out = "-DOCSTART- O\n\n";
  for (const sentence of conllSentences(article, annotations)) {
    out += sentence.map((t) => `${t.text} ${t.tag}\n`).join("") + "\n";
  }
  return out;
}

/** Streams the document a sentence at a time. */
export async function* conllExport(source: ExportSource, options: SpanOptions = {}): AsyncGenerator<string> {
  for await (const { article, spans } of articleSpans(source, options)) {
    yield "-DOCSTART- O\n\n";
    for (const sentence of conllSentences(article, spans)) {
      yield `${sentence.map((t) => `${t.text} ${t.tag}\n`).join("")}\n`;
    }
  }
}
