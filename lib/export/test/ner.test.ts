import { describe, expect, it } from "vitest";
import { conllDocument, conllExport, conllSentences, snapToWords } from "../conll";
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
      // Untagged highlights are not entities: left out by default.
      const kept = annotations.filter((a) => isAnchored(article, a) && a.entity);
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
    // Untagged highlights included under a label, so the seed's overlaps are there.
    const docs = JSON.parse(
      await collectText(spacyExport(sourceOf(batches), { untaggedLabel: "Highlight" })),
    ) as SpacyDoc[];
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
      // Tokens hold no whitespace: a run covers the quote without its outer whitespace, widened to whole words.
      const trimmed = snapToWords(
        article.text,
        kept.map((a) => {
          const lead = a.exact.length - a.exact.trimStart().length;
          return { start: a.start + lead, end: a.start + lead + a.exact.trim().length };
        }),
      ).spans.map((a) => ({ ...a, exact: article.text.slice(a.start, a.end) }));
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
  it("is the articles' documents, orphans and untagged highlights left out", async () => {
    const batches = await allBatches();
    const streamed = await collectText(conllExport(sourceOf(batches)));
    const expected = batches
      .map(({ article, annotations }) =>
        conllDocument(
          article,
          annotations.filter((a) => isAnchored(article, a) && a.entity),
        ),
      )
      .join("");
    expect(streamed).toBe(expected);
  });
});

describe("untagged highlights and words in NER exports", () => {
  const article = {
    id: "a1",
    title: "Abroad",
    revisionNumber: 1,
    text: "Help came from abroad. Kabul waited.",
    language: "en",
  };
  const broad = { start: article.text.indexOf("broad"), end: article.text.indexOf("broad") + 5 };
  const kabul = { start: article.text.indexOf("Kabul"), end: article.text.indexOf("Kabul") + 5 };

  it("CoNLL never splits a word an annotation starts inside: the span covers the whole word", () => {
    const tokens = conllSentences(article, [{ ...broad, label: "Place" }]).flat();
    expect(tokens.map((t) => `${t.text} ${t.tag}`)).toContain("abroad B-Place");
    expect(tokens.map((t) => t.text)).not.toContain("broad");
    expect(snapToWords(article.text, [broad, kabul])).toEqual({
      spans: [{ start: broad.start - 1, end: broad.end }, kabul],
      adjusted: 1,
    });
  });

  it("leaves untagged highlights out of CoNLL, spaCy and doccano unless a label is named for them", async () => {
    const batches = await allBatches();
    const untagged = batches.flatMap((b) => b.annotations.filter((a) => !a.entity && isAnchored(b.article, a)));
    expect(untagged.length).toBeGreaterThan(0);
    const without = await collectText(doccanoExport(sourceOf(batches)));
    const withLabel = await collectText(doccanoExport(sourceOf(batches), { untaggedLabel: "MISC" }));
    expect(without).not.toContain('"Highlight"');
    expect(without).not.toContain('"MISC"');
    const labels = withLabel
      .trimEnd()
      .split("\n")
      .flatMap((l) => (JSON.parse(l) as { label: [number, number, string][] }).label.map((x) => x[2]));
    expect(labels.filter((l) => l === "MISC")).toHaveLength(untagged.length);
    expect(await collectText(spacyExport(sourceOf(batches)))).not.toContain('"label":"Highlight"');
    expect(await collectText(conllExport(sourceOf(batches)))).not.toMatch(/[BI]-Highlight/);
    expect(await collectText(conllExport(sourceOf(batches), { untaggedLabel: "MISC" }))).toMatch(/B-MISC/);
  });
});
