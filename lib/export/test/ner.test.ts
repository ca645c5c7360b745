import { describe, expect, it } from "vitest";
import { conllDocument, conllExport, conllSentences } from "../conll";
import { doccanoExport } from "../doccano";
import { spacyExport, type SpacyDoc } from "../spacy";
import { collectText, isAnchored, sourceOf, spanLabel } from "../types";
import { allBatches } from "./fixtures";

const cpSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join("");

describe("doccano JSONL export", () => {
  it("one line per article; [start, end, label] in code points slice the text to each quote", async () => {
    const batches = await allBatches();
    const out = await collectText(doccanoExport(sourceOf(batches)));
    const lines = out
      .trimEnd()
      .split("\n")
      .map(
        (l) => JSON.parse(l) as { text: string; label: [number, number, string][]; meta: { annotationIds: string[] } },
      );
    expect(lines).toHaveLength(batches.length);
    lines.forEach((line, i) => {
      const { article, annotations } = batches[i];
      expect(line.text).toBe(article.text);
      const kept = annotations.filter((a) => isAnchored(article, a));
      expect(line.label).toHaveLength(kept.length);
      line.label.forEach(([s, e, label], j) => {
        expect(cpSlice(line.text, s, e)).toBe(kept[j].exact);
        expect(label).toBe(spanLabel(kept[j]));
        expect(line.meta.annotationIds[j]).toBe(kept[j].id);
      });
    });
  });
});

describe("spaCy JSON export", () => {
  it("ents do not overlap, spans.sc holds every span, offsets in code points slice to the quotes", async () => {
    const batches = await allBatches();
    const docs = JSON.parse(await collectText(spacyExport(sourceOf(batches)))) as SpacyDoc[];
    expect(docs).toHaveLength(batches.length);
    docs.forEach((doc, i) => {
      const { article, annotations } = batches[i];
      const kept = annotations.filter((a) => isAnchored(article, a));
      expect(doc.text).toBe(article.text);
      expect(doc.spans.sc.map((s) => cpSlice(doc.text, s.start, s.end))).toEqual(kept.map((a) => a.exact));
      for (const ent of doc.ents) expect(doc.spans.sc).toContainEqual(ent);
      for (let j = 1; j < doc.ents.length; j++) expect(doc.ents[j].start).toBeGreaterThanOrEqual(doc.ents[j - 1].end);
      expect(doc.ents.length).toBeGreaterThan(0);
    });
    // The seed's overlaps: a sentence and "Taliban" inside it cannot both be ents.
    expect(docs[0].ents.length).toBeLessThan(docs[0].spans.sc.length);
  });
});

describe("CoNLL-2003 BIO export", () => {
  it("an entity's tokens are exactly its quote's span; B then I; sentences never split an entity", async () => {
    for (const { article, annotations } of await allBatches()) {
      const kept = annotations.filter((a) => isAnchored(article, a));
      const sentences = conllSentences(article, kept);
      const tokens = sentences.flat();
      for (const t of tokens) {
        expect(article.text.slice(t.start, t.end)).toBe(t.text);
        expect(t.text).not.toMatch(/\s/);
      }
      // Rebuild entity runs from the tags; each is a kept annotation's exact range.
      const runs: Array<{ start: number; end: number; label: string }> = [];
      for (const sentence of sentences) {
        for (const t of sentence) {
          if (t.tag.startsWith("B-")) runs.push({ start: t.start, end: t.end, label: t.tag.slice(2) });
          else if (t.tag.startsWith("I-")) {
            const run = runs[runs.length - 1];
            expect(run.label).toBe(t.tag.slice(2));
            run.end = t.end;
          }
        }
      }
      expect(runs.length).toBeGreaterThan(0);
      // Tokens hold no whitespace: a run covers the quote without its outer whitespace.
      const trimmed = kept.map((a) => {
        const lead = a.exact.length - a.exact.trimStart().length;
        return { start: a.start + lead, end: a.start + lead + a.exact.trim().length, exact: a.exact.trim() };
      });
      for (const run of runs) {
        const match = trimmed.find((a) => a.start === run.start && a.end === run.end);
        expect(match, article.text.slice(run.start, run.end)).toBeDefined();
        expect(article.text.slice(run.start, run.end)).toBe(match!.exact);
      }
    }
  });

  it("writes token-tag lines, a blank line between sentences, -DOCSTART- per article", async () => {
    const [, unicode] = await allBatches();
    const doc = conllDocument(unicode.article, unicode.annotations);
    expect(doc.startsWith("-DOCSTART- O\n\n")).toBe(true);
    for (const line of doc.split("\n")) expect(line === "" || /^\S+ (O|[BI]-\S+)$/u.test(line)).toBe(true);
    expect(doc).toContain("👩‍👩‍👧 B-Person\n");
    expect(doc).toContain("Kabul B-Place\n🇦🇫 I-Place\n");
  });
});

describe("CoNLL export stream", () => {
  it("is the articles' documents, orphans left out", async () => {
    const batches = await allBatches();
    const streamed = await collectText(conllExport(sourceOf(batches)));
    const expected = batches
      .map(({ article, annotations }) =>
        conllDocument(
          article,
          annotations.filter((a) => isAnchored(article, a)),
        ),
      )
      .join("");
    expect(streamed).toBe(expected);
  });
});
