import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeLineEndings } from "./canonical-text";
import { FUZZY_THRESHOLD } from "./match-quote";
import { createQuoteSelector, type AnchorSelector } from "./quote-selector";
import { textDiffOfEdits } from "./edit-diff";
import { anchorAllByQuote, reanchorAll } from "./reanchor";
import { splitsSurrogatePair } from "./unicode";

const annotate = (text: string, start: number, end: number): AnchorSelector => ({
  ...createQuoteSelector(text, start, end),
  start,
  end,
});

/** Every start of `needle` in `text`, overlaps included. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** How many results have each status. */
function countStatuses(results: { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of results) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/** Moves an offset off the middle of a surrogate pair. */
const snap = (text: string, at: number) => (splitsSurrogatePair(text, at) ? at - 1 : at);

// Random documents: paragraphs of sentences drawn from a pool small enough
// that sentences repeat, with astral characters, combining marks, RTL text,
// no-break spaces and soft hyphens.
const word = fc.constantFrom(
  "Kabul",
  "Panjshir",
  "resistance",
  "the",
  "of",
  "government",
  "سلام",
  "دنیا",
  "שלום",
  "e\u0301te\u0301",
  "n\u0303o",
  "😀",
  "🇦🇫",
  "👩‍👩‍👧‍👦",
  "𠀋",
  "co\u00adop",
  "10\u00a0km",
  "“quoted”",
);
const sentence = fc.array(word, { minLength: 2, maxLength: 7 }).map((words) => `${words.join(" ")}.`);
const repeatedPool = [
  "The prospect of a government in exile raises concerns.",
  "The Taliban are deeply unpopular among Afghans.",
];
const poolSentence = fc.oneof(
  { weight: 3, arbitrary: sentence },
  { weight: 1, arbitrary: fc.constantFrom(...repeatedPool) },
);
const paragraph = fc.array(poolSentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(" "));
const documentText = fc.array(paragraph, { minLength: 1, maxLength: 8 }).map((p) => p.join("\n\n"));
const replacement = fc.oneof(
  fc.constant(""),
  word,
  sentence.map((s) => ` ${s}`),
  paragraph.map((p) => `${p}\n\n`),
);
const editSpec = fc.record({ at: fc.nat(), length: fc.nat({ max: 40 }), text: replacement });

type Edit = { from: number; to: number; text: string };

/** Turns random specs into disjoint edits of `text` that leave `[start, end)` alone. */
function placeEdits(text: string, specs: { at: number; length: number; text: string }[], start: number, end: number) {
  const edits: Edit[] = [];
  for (const spec of specs) {
    const from = snap(text, spec.at % (text.length + 1));
    const to = snap(text, Math.min(text.length, from + spec.length));
    if (to > start && from < end) continue; // would touch the annotation
    if (from === to && spec.text === "") continue;
    if (edits.some((e) => to > e.from && from < e.to) || edits.some((e) => e.from === from || e.to === to)) continue;
    edits.push({ from, to, text: spec.text });
  }
  return edits.sort((a, b) => a.from - b.from);
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = "";
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.from) + edit.text;
    at = edit.to;
  }
  return out + text.slice(at);
}

/** Where an untouched offset goes under the edits. */
function shifted(offset: number, edits: Edit[]): number {
  let delta = 0;
  for (const edit of edits) if (edit.to <= offset) delta += edit.text.length - (edit.to - edit.from);
  return offset + delta;
}

const SEED = 1;

describe("reanchorAll (properties)", () => {
  const untouchedReanchors = (mode: "edit" | "texts") =>
    fc.property(
      documentText,
      fc.nat(),
      fc.nat(),
      fc.array(editSpec, { minLength: 1, maxLength: 3 }),
      (text, a, b, specs) => {
        const [start, picked] = [snap(text, a % (text.length + 1)), snap(text, b % (text.length + 1))].sort(
          (x, y) => x - y,
        );
        // At least one whole character.
        const end =
          start < picked ? picked : Math.min(text.length, start + (text.codePointAt(start)! > 0xffff ? 2 : 1));
        if (start === end) return;
        const edits = placeEdits(text, specs, start, end);
        fc.pre(edits.length > 0);
        const newText = applyEdits(text, edits);
        const selector = annotate(text, start, end);

        if (mode === "edit") {
          // The editor's own record of the edit: the annotation stays exactly where its text went.
          const [result] = reanchorAll(text, newText, [selector], { editDiff: textDiffOfEdits(text, edits) });
          const at = shifted(start, edits);
          expect(result).toEqual({ status: "exact", start: at, end: at + end - start, score: 1 });
          return;
        }
        const [result] = reanchorAll(text, newText, [selector]);
        expect(["exact", "quote"]).toContain(result.status);
        expect(newText.slice(result.start, result.end)).toBe(selector.exact);

        // When the edits neither created nor destroyed a copy of the quote,
        // it is on the same copy: exactly where its text went.
        const expectedCopies = occurrences(text, selector.exact).map((at) => shifted(at, edits));
        if (JSON.stringify(expectedCopies) === JSON.stringify(occurrences(newText, selector.exact))) {
          expect(result.start).toBe(shifted(start, edits));
        }
      },
    );

  it("keeps an annotation whose text no edit touched exactly where its text went, given the edit", () => {
    fc.assert(untouchedReanchors("edit"), { numRuns: 2000 });
  });

  // Comparing texts alone (a revision saved through the API without the
  // editor's record, or over a restored draft) cannot always tell which copy
  // of a repeated passage an edit removed: "X X" minus either X is "X". Of
  // equally small explanations the one keeping the annotation whole is taken;
  // a fixed seed keeps this run reproducible, and the counterexamples that
  // led there are replayed below.
  it("re-anchors an annotation whose text no edit touched onto text equal to its quote, from the texts alone", () => {
    fc.assert(untouchedReanchors("texts"), { numRuns: 500, seed: SEED });
  });

  it("keeps an untouched annotation whole next to insertions that repeat part of it, from the texts alone", () => {
    fc.assert(untouchedReanchors("texts"), {
      seed: 503287553,
      path: "286:4:30:28:28:28:37:60:66:51:54:52:50:51:51:50:51:50:50:51:51:55:51:78:79:80:80",
      endOnFailure: true,
    });
    // An untouched range the shortest diff splits to save one edit (its newline aligned with an inserted copy's).
    const text = `${repeatedPool[0]}\n\n${repeatedPool[0]} Kabul سلام.`;
    const edits = [
      { from: 0, to: 0, text: `${repeatedPool[0]} Kabul Kabul.\n\n` },
      { from: 100, to: 111, text: `${repeatedPool[0]}\n\n` },
    ];
    const selector = annotate(text, 0, 55);
    const [result] = reanchorAll(text, applyEdits(text, edits), [selector]);
    expect(result).toEqual({ status: "quote", start: shifted(0, edits), end: shifted(0, edits) + 55, score: 1 });
  });

  it("keeps an annotation on the n-th copy of a repeated sentence the n-th", () => {
    const [sentenceA] = repeatedPool;
    const withCopies = fc
      .tuple(fc.array(paragraph, { minLength: 0, maxLength: 4 }), fc.array(fc.nat(), { minLength: 2, maxLength: 4 }))
      .map(([paragraphs, slots]) => {
        const blocks = [...paragraphs];
        for (const slot of slots) blocks.splice(slot % (blocks.length + 1), 0, sentenceA);
        return blocks.join("\n\n");
      });
    fc.assert(
      fc.property(withCopies, fc.nat(), fc.array(editSpec, { minLength: 1, maxLength: 3 }), (text, pick, specs) => {
        const copies = occurrences(text, sentenceA);
        const n = pick % copies.length;
        const start = copies[n];
        const end = start + sentenceA.length;
        const edits = placeEdits(
          text,
          specs.map((spec) => ({ ...spec, text: spec.text.replaceAll(sentenceA, "") })),
          start,
          end,
        );
        const newText = applyEdits(text, edits);
        fc.pre(occurrences(newText, sentenceA).length === copies.length);
        const [result] = reanchorAll(text, newText, [annotate(text, start, end)]);
        expect(result.start).toBe(occurrences(newText, sentenceA)[n]);
        expect(result.start).toBe(shifted(start, edits));
      }),
      { numRuns: 500 },
    );
  });
});

const ARTICLE_PATH = path.resolve(__dirname, "../../../shared/articles/afghan-resistance-2021.txt");
const article = normalizeLineEndings(readFileSync(ARTICLE_PATH, "utf8")).trimEnd();
const PULL_QUOTE =
  "The prospect of a government in exile raises concerns that Afghanistan could again be consumed by civil war.";

describe("reanchorAll on the seed article", () => {
  const second = occurrences(article, PULL_QUOTE)[1];
  const onSecond = annotate(article, second, second + PULL_QUOTE.length);

  it("repeats its pull quote (this suite relies on it)", () => {
    expect(occurrences(article, PULL_QUOTE)).toHaveLength(2);
  });

  it("keeps a highlight on the second copy of the pull quote when a paragraph is inserted at the top", () => {
    const newText = `Editor’s note: this article was updated on September 25.\n\n${article}`;
    const [result] = reanchorAll(article, newText, [onSecond]);
    expect(result).toEqual({
      status: "exact",
      start: occurrences(newText, PULL_QUOTE)[1],
      end: occurrences(newText, PULL_QUOTE)[1] + PULL_QUOTE.length,
      score: 1,
    });
  });

  it("keeps it on the second copy when the inserted paragraph quotes the first words of the pull quote", () => {
    const newText = `The prospect of talks is dim.\n\n${article}`;
    const [result] = reanchorAll(article, newText, [onSecond]);
    expect(result.start).toBe(occurrences(newText, PULL_QUOTE)[1]);
  });

  it("orphans a highlight whose sentence was deleted", () => {
    const sentence =
      "If the resistance is now trying to regroup in Tajikistan, that’s probably because efforts to mount a last stand in the Panjshir were premature and built on unsteady foundations.";
    const start = article.indexOf(sentence);
    const newText = article.replace(`${sentence}\n\n`, "");
    const [result, neighbour] = reanchorAll(article, newText, [
      annotate(article, start, start + sentence.length),
      onSecond,
    ]);
    expect(result).toEqual({ status: "orphaned" });
    expect(neighbour.status).toBe("exact");
    expect(newText.slice(neighbour.start, neighbour.end)).toBe(PULL_QUOTE);
  });

  it("moves a highlight whose words were edited, flagged fuzzy", () => {
    const quote = "Qatar was the Taliban’s base during its negotiations with former U.S. President Donald Trump";
    const start = article.indexOf(quote);
    const editedQuote = quote.replace("base", "hub").replace("negotiations", "talks");
    const newText = article.replace(quote, editedQuote);
    const [result] = reanchorAll(article, newText, [annotate(article, start, start + quote.length)]);
    expect(result.status).toBe("fuzzy");
    expect(newText.slice(result.start, result.end)).toBe(editedQuote);
    expect(result.score).toBeGreaterThanOrEqual(FUZZY_THRESHOLD);
  });

  it("keeps the first copy when an insertion just before it ends in the same word (found by the property test)", () => {
    const sentence = "The prospect of a government in exile raises concerns.";
    const text = `Intro. ${sentence} ${sentence} End.`;
    const start = text.indexOf("overnment ");
    const selector = annotate(text, start, start + "overnment ".length);
    // The "g" just before the quote becomes " Kabul government.": a diff may align that
    // inserted "government" with the old one, carrying the quote's range past it.
    const newText = `${text.slice(0, start - 1)} Kabul government.${text.slice(start)}`;
    const [result] = reanchorAll(text, newText, [selector]);
    expect(newText.slice(result.start, result.end)).toBe("overnment ");
    expect(result.start).toBe(start - 1 + " Kabul government.".length);
  });

  it("finds the second copy by its context when the stored offsets are stale, flagged moved", () => {
    const newText = `A new first paragraph.\n\n${article}`;
    // Offsets from the old text, but no old text to diff against.
    const [result] = anchorAllByQuote(newText, [onSecond]);
    expect(result.status).toBe("fuzzy");
    expect(result.start).toBe(occurrences(newText, PULL_QUOTE)[1]);
  });
});

describe("reanchorAll at scale", () => {
  /** About 300k code units: the article's paragraphs, numbered per section. */
  const sections = Array.from({ length: 36 }, (_, s) =>
    article
      .split("\n\n")
      .map((p, i) => `§${s}.${i} ${p}`)
      .join("\n\n"),
  );
  const oldText = sections.join("\n\n");

  /** 5,000 deterministic annotations of 10 to 300 code units. */
  const annotations: AnchorSelector[] = [];
  let seed = 42;
  const random = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  while (annotations.length < 5_000) {
    const start = snap(oldText, random(oldText.length - 400));
    const end = snap(oldText, start + 10 + random(290));
    annotations.push(annotate(oldText, start, end));
  }

  it("re-anchors 5,000 annotations on a 300k-character text well under a second", () => {
    // A paragraph at the top, one deleted in the middle, and a word changed in every section.
    let newText = `Updated after publication.\n\n${oldText}`;
    const deleted = sections[18].split("\n\n")[5];
    newText = newText.replace(`${deleted}\n\n`, "");
    newText = newText.replaceAll("Taliban’s playbook", "Taliban’s own playbook");
    expect(oldText.length).toBeGreaterThan(300_000);

    const t0 = performance.now();
    const results = reanchorAll(oldText, newText, annotations);
    const ms = performance.now() - t0;
    const counts = countStatuses(results);
    console.log(`reanchorAll: ${annotations.length} annotations, ${oldText.length} units, ${ms.toFixed(1)} ms`, counts);
    expect(ms).toBeLessThan(1000);
    for (const [i, result] of results.entries()) {
      if (result.status === "exact" || result.status === "quote") {
        expect(newText.slice(result.start, result.end)).toBe(annotations[i].exact);
      }
    }
    expect(counts.exact).toBeGreaterThan(4_900);
  });

  it("stays fast when most annotations were touched", () => {
    const newText = oldText.replaceAll("’", "'").replaceAll(" the ", " teh ");
    const t0 = performance.now();
    const results = reanchorAll(oldText, newText, annotations);
    const ms = performance.now() - t0;
    console.log(`reanchorAll, every "the" and apostrophe changed: ${ms.toFixed(1)} ms`, countStatuses(results));
    expect(ms).toBeLessThan(5000);
  });
});
