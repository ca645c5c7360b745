import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffTexts, mapOffset, mapRange, type TextDiff } from "./text-diff";
import { splitsSurrogatePair } from "./unicode";

function expectConsistent(oldText: string, newText: string, diff: TextDiff) {
  let oldAt = 0;
  let newAt = 0;
  for (const run of diff.runs) {
    expect(run.length).toBeGreaterThan(0);
    expect(run.oldStart).toBeGreaterThanOrEqual(oldAt);
    expect(run.newStart).toBeGreaterThanOrEqual(newAt);
    expect(run.oldStart > oldAt || run.newStart > newAt || (oldAt === 0 && newAt === 0)).toBe(true);
    expect(oldText.slice(run.oldStart, run.oldStart + run.length)).toBe(
      newText.slice(run.newStart, run.newStart + run.length),
    );
    oldAt = run.oldStart + run.length;
    newAt = run.newStart + run.length;
  }
  expect(oldAt).toBeLessThanOrEqual(oldText.length);
  expect(newAt).toBeLessThanOrEqual(newText.length);
}

const word = fc.constantFrom("alpha", "beta", "gamma", "Kabul", "سلام", "e\u0301te\u0301", "😀", "🇦🇫", "the", "a");
const sentence = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => `${w.join(" ")}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(" "));
const documentText = fc.array(paragraph, { minLength: 1, maxLength: 6 }).map((p) => p.join("\n\n"));

describe("diffTexts", () => {
  it("maps everything exactly when nothing changed", () => {
    const diff = diffTexts("same text", "same text");
    expect(diff.runs).toEqual([{ oldStart: 0, newStart: 0, length: 9 }]);
    expect(diffTexts("", "").runs).toEqual([]);
  });

  it("keeps the n-th copy of a repeated paragraph the n-th after a paragraph is inserted above", () => {
    const repeated = "The Taliban are deeply unpopular.";
    const oldText = `Intro.\n\n${repeated}\n\nMiddle.\n\n${repeated}\n\nEnd.`;
    const newText = `Breaking news.\n\nIntro.\n\n${repeated}\n\nMiddle.\n\n${repeated}\n\nEnd.`;
    const second = oldText.lastIndexOf(repeated);
    const mapped = mapRange(diffTexts(oldText, newText), second, second + repeated.length);
    expect(mapped).toEqual({ start: newText.lastIndexOf(repeated), end: newText.length - 6, unchanged: true });
  });

  it("sees a paragraph inserted above a copy of itself as inserted whole", () => {
    const p = "The prospect of war.";
    const oldText = `${p}\n\nOther.`;
    const newText = `${p}\n\n${p}\n\nOther.`;
    const diff = diffTexts(oldText, newText);
    expectConsistent(oldText, newText, diff);
    // Ambiguous by text alone; the boundary rule puts the insertion at a paragraph break.
    expect(diff.runs).toEqual([
      { oldStart: 0, newStart: 0, length: p.length + 2 },
      { oldStart: p.length + 2, newStart: 2 * (p.length + 2), length: 6 },
    ]);
  });

  it("slides an insertion that shares a first word with what follows to the paragraph break", () => {
    const oldText = "Intro.\n\nThe resistance regroups.";
    const newText = "Intro.\n\nThe news.\n\nThe resistance regroups.";
    const diff = diffTexts(oldText, newText);
    expect(mapRange(diff, 8, oldText.length)).toEqual({ start: 19, end: newText.length, unchanged: true });
  });

  it("maps text between two separate edits exactly, even among repeated sentences", () => {
    const s = "Same sentence here.";
    const oldText = [s, s, s, s, s].join(" ");
    const newText = ["Edited.", s, s, s, s, "More", s].join(" ");
    const diff = diffTexts(oldText, newText);
    expectConsistent(oldText, newText, diff);
    const third = 2 * (s.length + 1);
    const mapped = mapRange(diff, third, third + s.length);
    expect(mapped.unchanged).toBe(true);
    expect(newText.slice(mapped.start, mapped.end)).toBe(s);
    expect(mapped.start).toBe("Edited. ".length + 2 * (s.length + 1));
  });

  it("keeps offsets on both sides of an insertion apart by side", () => {
    const diff = diffTexts("ab", "aXb");
    expect(mapOffset(diff, 1, -1)).toBe(1);
    expect(mapOffset(diff, 1, 1)).toBe(2);
    expect(mapRange(diff, 1, 2)).toEqual({ start: 2, end: 3, unchanged: true });
    expect(mapRange(diff, 0, 1)).toEqual({ start: 0, end: 1, unchanged: true });
    expect(mapRange(diff, 0, 2)).toEqual({ start: 0, end: 3, unchanged: false });
  });

  it("collapses a deleted range and estimates offsets inside replacements", () => {
    const diff = diffTexts("keep DELETE keep", "keep keep");
    expect(mapRange(diff, 5, 11)).toEqual({ start: 5, end: 5, unchanged: false });
    const replaced = diffTexts("aaaa 0123456789 bbbb", "aaaa xxxxxxxxxxxxxxxxxxxx bbbb");
    expect(mapOffset(replaced, 10)).toBe(15);
  });

  it("never splits a surrogate pair at a run boundary", () => {
    const diff = diffTexts("x😀y", "x😁y");
    expect(diff.runs).toEqual([
      { oldStart: 0, newStart: 0, length: 1 },
      { oldStart: 3, newStart: 3, length: 1 },
    ]);
  });

  it("produces equal runs for any two texts (property)", () => {
    fc.assert(
      fc.property(documentText, documentText, (a, b) => {
        expectConsistent(a, b, diffTexts(a, b));
      }),
    );
  });

  it("keeps at least everything a single edit left alone (property)", () => {
    fc.assert(
      fc.property(documentText, fc.nat(), fc.nat(), paragraph, (text, x, y, inserted) => {
        // Edits replace whole characters, as editors do.
        const [from, to] = [x % (text.length + 1), y % (text.length + 1)]
          .map((at) => (splitsSurrogatePair(text, at) ? at - 1 : at))
          .sort((p, q) => p - q);
        const newText = text.slice(0, from) + inserted + text.slice(to);
        const diff = diffTexts(text, newText);
        expectConsistent(text, newText, diff);
        let equal = 0;
        for (const run of diff.runs) equal += run.length;
        expect(equal).toBeGreaterThanOrEqual(text.length - (to - from));
      }),
    );
  });

  it("diffs a 300k-character text with scattered edits quickly", () => {
    const paragraphs = Array.from(
      { length: 1500 },
      (_, i) =>
        `Paragraph ${i} says something about topic ${i % 37} and place ${(i * 7919) % 1000}. ` +
        "Filler words. ".repeat(10),
    );
    const oldText = paragraphs.join("\n\n");
    const edited = [...paragraphs];
    for (let i = 10; i < edited.length; i += 150) edited[i] = edited[i].replace("says", "claims");
    edited.splice(700, 0, "A new paragraph in the middle.");
    const newText = edited.join("\n\n");
    const t0 = performance.now();
    const diff = diffTexts(oldText, newText);
    const ms = performance.now() - t0;
    console.log(`diffTexts: ${oldText.length} chars, ${diff.runs.length} runs in ${ms.toFixed(1)} ms`);
    expectConsistent(oldText, newText, diff);
    expect(ms).toBeLessThan(1000);
  });
});
