import { getSchema } from "@tiptap/core";
import { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { EditorState, TextSelection, type Transaction } from "@tiptap/pm/state";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { articleExtensions } from "@/components/editor/extensions";
import { canonicalTextMapOfNode, type DocJSON } from "./canonical-text";
import { recordTransaction, startEditRecord, textDiffOfRecord } from "./change-set-diff";
import { textOffsetToPos } from "./prosemirror-map";
import { createQuoteSelector } from "./quote-selector";
import { reanchorAll } from "./reanchor";

const schema = getSchema(articleExtensions);
const paragraphs = (...texts: string[]): DocJSON => ({
  type: "doc",
  content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

/** Runs `edits` as separate transactions, the way typing does, recording them. */
function edit(json: DocJSON, ...edits: Array<(tr: Transaction) => void>) {
  let state = EditorState.create({ schema, doc: ProseMirrorNode.fromJSON(schema, json) });
  let record = startEditRecord(state.doc);
  for (const apply of edits) {
    const tr = state.tr;
    apply(tr);
    state = state.apply(tr);
    record = recordTransaction(record, tr);
  }
  const oldText = canonicalTextMapOfNode(record.startDoc).text;
  const newText = canonicalTextMapOfNode(state.doc).text;
  return { oldText, newText, diff: textDiffOfRecord(record, state.doc), doc: state.doc };
}

const selector = (text: string, start: number, end: number) => ({
  ...createQuoteSelector(text, start, end),
  start,
  end,
});

describe("the editor's record of an edit as a text diff", () => {
  it("tells which of two equal sentences was deleted, which comparing the texts cannot", () => {
    const json = paragraphs("Kabul fell. Kabul fell.", "Later, Kabul was quiet.");
    const map = canonicalTextMapOfNode(ProseMirrorNode.fromJSON(schema, json));
    // Delete the second "Kabul fell." (with the space before it).
    const from = textOffsetToPos(map, 11);
    const to = textOffsetToPos(map, 23);
    const { oldText, newText, diff } = edit(json, (tr) => tr.delete(from, to));
    expect(newText).toBe("Kabul fell.\n\nLater, Kabul was quiet.");
    const annotations = [selector(oldText, 0, 5), selector(oldText, 12, 17)];

    const [first, second] = reanchorAll(oldText, newText, annotations, { editDiff: diff! });
    expect(first).toEqual({ status: "exact", start: 0, end: 5, score: 1 });
    expect(second).toEqual({ status: "orphaned" });
  });

  it("keeps annotations across paragraphs split and joined, and text typed a letter at a time", () => {
    const json = paragraphs("The resistance regrouped in the Panjshir valley.", "Fighters left Kabul in the night.");
    const { oldText, newText, diff } = edit(
      json,
      (tr) => tr.split(1 + "The resistance regrouped".length),
      ...[..." quickly"].map(
        (letter, i) => (tr: Transaction) => tr.insertText(letter, 1 + "The resistance".length + i),
      ),
      (tr) => tr.setSelection(TextSelection.create(tr.doc, 1)),
    );
    expect(newText).toBe(
      "The resistance quickly regrouped\n\n in the Panjshir valley.\n\nFighters left Kabul in the night.",
    );
    const annotations = [selector(oldText, 4, 14), selector(oldText, 32, 40), selector(oldText, 64, 69)];
    const results = reanchorAll(oldText, newText, annotations, { editDiff: diff! });
    expect(results.map((r) => (r.status === "orphaned" ? null : newText.slice(r.start, r.end)))).toEqual([
      "resistance",
      "Panjshir",
      "Kabul",
    ]);
    expect(results.every((r) => r.status === "exact")).toBe(true);
  });

  it("is refused for a document it was not recorded on", () => {
    const { diff, doc } = edit(paragraphs("Kabul"), (tr) => tr.insertText("!", 6));
    expect(diff).not.toBeNull();
    const other = ProseMirrorNode.fromJSON(schema, paragraphs("Herat!"));
    const record = startEditRecord(ProseMirrorNode.fromJSON(schema, paragraphs("Kabul")));
    expect(textDiffOfRecord(record, other)).toBeNull();
    expect(doc.textContent).toBe("Kabul!");
  });

  it("leaves every annotation no step touched exactly where its text went (property)", () => {
    const words = ["Kabul", "Kabul", "the", "resistance", "سلام", "😀", "n\u0303o"];
    const docArb = fc
      .array(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 })
      .map((ps) => paragraphs(...ps.map((p) => p.join(" "))));
    const stepArb = fc.record({
      kind: fc.constantFrom("insert", "delete", "split", "join"),
      at: fc.nat(),
      length: fc.nat({ max: 12 }),
      text: fc.constantFrom(...words, "Kabul Kabul", " "),
    });
    fc.assert(
      fc.property(
        docArb,
        fc.array(stepArb, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        (json, steps, a, b) => {
          const startDoc = ProseMirrorNode.fromJSON(schema, json);
          const oldText = canonicalTextMapOfNode(startDoc).text;
          let [start, end] = [a % (oldText.length + 1), b % (oldText.length + 1)].sort((x, y) => x - y);
          if (start === end) return;
          if (/[\uDC00-\uDFFF]/.test(oldText[start] ?? "")) start--;
          if (/[\uDC00-\uDFFF]/.test(oldText[end] ?? "")) end++;
          // A range ending in a block separator ends in the next block, which a step may remove without touching the range.
          if (oldText[start] === "\n" || oldText[end - 1] === "\n") return;
          const map = canonicalTextMapOfNode(startDoc);
          // Track the annotation through the steps by ProseMirror's own mapping; skip steps that touch it.
          let from = textOffsetToPos(map, start, 1);
          let to = textOffsetToPos(map, end, -1);
          const applied: Array<(tr: Transaction) => void> = [];
          let state = EditorState.create({ schema, doc: startDoc });
          for (const step of steps) {
            const size = state.doc.content.size;
            const at = step.at % (size + 1);
            const tr = state.tr;
            try {
              if (step.kind === "insert") tr.insertText(step.text, at);
              else if (step.kind === "delete") tr.delete(at, Math.min(size, at + step.length));
              else if (step.kind === "split") tr.split(at);
              else tr.join(at);
            } catch {
              continue; // not a valid place for that step
            }
            if (!tr.docChanged) continue;
            const changed = tr.mapping.maps.some((m) => {
              let touches = false;
              m.forEach((oldStart, oldEnd) => {
                if (oldEnd >= from && oldStart <= to) touches = true;
              });
              return touches;
            });
            if (changed) continue;
            from = tr.mapping.map(from, 1);
            to = tr.mapping.map(to, -1);
            state = state.apply(tr);
            applied.push((t) => {
              for (const s of tr.steps) t.step(s);
            });
          }
          fc.pre(applied.length > 0);
          const result = edit(json, ...applied);
          expect(result.diff).not.toBeNull();
          const newMap = canonicalTextMapOfNode(result.doc);
          const [reanchored] = reanchorAll(oldText, result.newText, [selector(oldText, start, end)], {
            editDiff: result.diff!,
          });
          if (reanchored.status !== "exact")
            console.log(
              "DBG",
              JSON.stringify({ oldText, newText: result.newText, start, end, diff: result.diff, reanchored }),
            );
          expect(reanchored.status).toBe("exact");
          expect(textOffsetToPos(newMap, reanchored.start!, 1)).toBe(from);
          expect(result.newText.slice(reanchored.start, reanchored.end)).toBe(oldText.slice(start, end));
        },
      ),
      { numRuns: 500 },
    );
  });
});
