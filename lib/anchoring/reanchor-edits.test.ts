import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createQuoteSelector, type AnchorSelector } from "./quote-selector";
import { checkTextDiff } from "./edit-diff";
import { reanchorAll } from "./reanchor";
import type { TextDiff } from "./text-diff";

// Documents modelled as paragraphs of sentences, each sentence with an id, so
// that after an edit we know exactly which text survived and where it went.
type Sentence = { id: number; text: string };
type Doc = Sentence[][];

/** Sentences that repeat across documents, with words repeated between them. */
const POOL = [
  "The Taliban took Kabul in August.",
  "Fighters gathered in the Panjshir valley.",
  "The resistance called for help from abroad.",
  "Kabul fell without a fight.",
  "The government in exile met in Dushanbe.",
];
/** Replacement sentences: words that appear nowhere in the pool. */
const FRESH = ["Officials declined to comment.", "Prices rose sharply overnight.", "Witnesses saw smoke."];

const render = (doc: Doc) => doc.map((p) => p.map((s) => s.text).join(" ")).join("\n\n");

/** Offset of each sentence id in the rendered document. */
function offsets(doc: Doc): Map<number, number> {
  const at = new Map<number, number>();
  let offset = 0;
  doc.forEach((paragraph, p) => {
    if (p > 0) offset += 2;
    paragraph.forEach((sentence, s) => {
      if (s > 0) offset += 1;
      at.set(sentence.id, offset);
      offset += sentence.text.length;
    });
  });
  return at;
}

const docArb = fc
  .array(fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 5 })
  .map((paragraphs) => {
    let id = 0;
    return paragraphs.map((p) => p.map((text) => ({ id: id++, text })));
  });

type EditSpec =
  | { kind: "insert"; p: number; s: number; text: string }
  | { kind: "delete"; p: number; s: number }
  | { kind: "replace"; p: number; s: number; text: string }
  | { kind: "move"; from: number; to: number };

const editArb: fc.Arbitrary<EditSpec> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), p: fc.nat(), s: fc.nat(), text: fc.constantFrom(...POOL) }),
  fc.record({ kind: fc.constant("delete" as const), p: fc.nat(), s: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), p: fc.nat(), s: fc.nat(), text: fc.constantFrom(...FRESH) }),
  fc.record({ kind: fc.constant("move" as const), from: fc.nat(), to: fc.nat() }),
);

/** Applies an edit; `removed` lists the ids whose text the edit deleted. */
function applyEdit(doc: Doc, edit: EditSpec): { doc: Doc; removed: Set<number> } {
  const next = doc.map((p) => [...p]);
  const removed = new Set<number>();
  if (edit.kind === "move") {
    const from = edit.from % next.length;
    const [paragraph] = next.splice(from, 1);
    next.splice(edit.to % (next.length + 1), 0, paragraph);
    return { doc: next, removed };
  }
  const p = edit.p % next.length;
  if (edit.kind === "insert") {
    next[p].splice(edit.s % (next[p].length + 1), 0, { id: 1000, text: edit.text });
    return { doc: next, removed };
  }
  const s = edit.s % next[p].length;
  removed.add(next[p][s].id);
  if (edit.kind === "replace") next[p][s] = { id: 1000, text: edit.text };
  else next[p].splice(s, 1);
  return { doc: next.filter((paragraph) => paragraph.length > 0), removed };
}

/** Every edit of the same kind that yields the same text: more than one means the edit cannot be told apart. */
function ambiguous(doc: Doc, edit: EditSpec): boolean {
  const text = render(applyEdit(doc, edit).doc);
  const sentences = doc.flatMap((p, pi) => p.map((_, si) => [pi, si] as const));
  let same = 0;
  if (edit.kind === "move") {
    // A character diff cannot tell a moved paragraph from the ones it jumped
    // over when their sentences repeat: moves are checked on documents whose
    // sentences are all different (repeats are covered by the other edits).
    const all = doc.flat().map((sentence) => sentence.text);
    return new Set(all).size < all.length;
  }
  if (edit.kind === "insert") {
    for (let p = 0; p < doc.length; p++) {
      for (let s = 0; s <= doc[p].length; s++) {
        if (render(applyEdit(doc, { ...edit, p, s }).doc) === text) same++;
      }
    }
    return same > 1;
  }
  for (const [p, s] of sentences) if (render(applyEdit(doc, { ...edit, p, s }).doc) === text) same++;
  return same > 1;
}

/** An annotation: a whole sentence, or one word of it. */
const targetArb = fc.record({ sentence: fc.nat(), word: fc.option(fc.nat(), { nil: undefined }) });

/**
 * The edit's own diff, as the editor records it: every sentence it left in
 * place is an equal run; a moved paragraph counts as deleted and inserted.
 */
function editDiffOf(doc: Doc, edited: Doc, edit: EditSpec): TextDiff {
  const oldAt = offsets(doc);
  const newAt = offsets(edited);
  const moved = new Set(edit.kind === "move" ? doc[edit.from % doc.length].map((s) => s.id) : []);
  const runs = edited
    .flat()
    .filter((s) => oldAt.has(s.id) && !moved.has(s.id))
    .map((s) => ({ oldStart: oldAt.get(s.id)!, newStart: newAt.get(s.id)!, length: s.text.length }));
  const diff = checkTextDiff(render(doc), render(edited), runs);
  if (!diff) throw new Error("not a diff");
  return diff;
}

describe("reanchorAll after an edit (properties)", () => {
  const property = (mode: "edit" | "texts") =>
    fc.property(docArb, editArb, fc.array(targetArb, { minLength: 1, maxLength: 6 }), (doc, edit, targets) => {
      // Comparing texts cannot tell apart edits that give the same text; the editor's record of the edit can.
      if (mode === "texts") fc.pre(!ambiguous(doc, edit));
      const oldText = render(doc);
      const all = doc.flat();
      const annotations = targets.map(({ sentence, word }) => {
        const target = all[sentence % all.length];
        const base = offsets(doc).get(target.id)!;
        let start = base;
        let end = base + target.text.length;
        if (word !== undefined) {
          // Words of four letters or more: a shorter one can recur inside the replacement words.
          const words = [...target.text.matchAll(/\p{L}{4,}/gu)];
          const match = words[word % words.length];
          start = base + match.index;
          end = start + match[0].length;
        }
        const selector: AnchorSelector = { ...createQuoteSelector(oldText, start, end), start, end };
        return { target, delta: start - base, selector };
      });

      const { doc: edited, removed } = applyEdit(doc, edit);
      const newText = render(edited);
      const newOffsets = offsets(edited);
      const results = reanchorAll(
        oldText,
        newText,
        annotations.map((a) => a.selector),
        mode === "edit" ? { editDiff: editDiffOf(doc, edited, edit) } : {},
      );

      const spans = new Map<string, string>();
      results.forEach((result, i) => {
        const { target, delta, selector } = annotations[i];
        if (removed.has(target.id)) {
          expect(result, `"${selector.exact}" was deleted by ${JSON.stringify(edit)}`).toEqual({
            status: "orphaned",
          });
          return;
        }
        expect(result.status, `"${selector.exact}" survived ${JSON.stringify(edit)}`).not.toBe("orphaned");
        expect(result.start).toBe(newOffsets.get(target.id)! + delta);
        expect(newText.slice(result.start, result.end)).toBe(selector.exact);
        const span = `${result.start}:${result.end}`;
        const from = `${selector.start}:${selector.end}`;
        expect(spans.get(span) ?? from, "two annotations merged onto one span").toBe(from);
        spans.set(span, from);
      });
    });

  it("orphans what the edit deleted, keeps the rest on its own copy, and never merges two annotations", () => {
    fc.assert(property("texts"), { numRuns: 1000 });
  });

  it("does so for every edit, repeated sentences and moved paragraphs included, given the edit's own diff", () => {
    fc.assert(property("edit"), { numRuns: 2000 });
  });
});

describe("reanchorAll on three mentions of Kabul", () => {
  const text = [
    "The resistance regrouped in the Panjshir valley, northeast of Kabul, after the fall.",
    "Fighters left Kabul in the night.",
    "Later, Kabul was quiet.",
  ].join("\n\n");
  const kabuls = [...text.matchAll(/Kabul/g)].map((m) => m.index);
  const annotations = kabuls.map((start) => ({
    ...createQuoteSelector(text, start, start + 5),
    start,
    end: start + 5,
  }));

  it("orphans the mention whose words were deleted and leaves the other two where they were", () => {
    const newText = text.replace("northeast of Kabul, ", "");
    const [first, second, third] = reanchorAll(text, newText, annotations);
    const remaining = [...newText.matchAll(/Kabul/g)].map((m) => m.index);
    expect(first).toEqual({ status: "orphaned" });
    expect(second).toEqual({ status: "exact", start: remaining[0], end: remaining[0] + 5, score: 1 });
    expect(third).toEqual({ status: "exact", start: remaining[1], end: remaining[1] + 5, score: 1 });
  });

  it("follows a mention whose paragraph was moved, flagged moved", () => {
    const paragraphs = text.split("\n\n");
    const newText = [paragraphs[1], paragraphs[2], paragraphs[0]].join("\n\n");
    const results = reanchorAll(text, newText, annotations);
    const expected = [newText.indexOf("Kabul, after"), newText.indexOf("Kabul in"), newText.indexOf("Kabul was")];
    expect(results.map((r) => r.start)).toEqual(expected);
    expect(results.filter((r) => r.status === "fuzzy").length).toBeGreaterThan(0);
  });
});
