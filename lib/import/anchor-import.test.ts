import { describe, expect, it } from "vitest";
import { codePointLength } from "@/lib/anchoring";
import { anchorImportedHighlights } from "./anchor-import";
import type { ImportedHighlight } from "./types";

const item = (over: Partial<ImportedHighlight>, i = 0): ImportedHighlight => ({ item: i, comments: [], ...over });

describe("anchorImportedHighlights", () => {
  const repeated = "The convoy left at dawn. Nobody spoke. The convoy left at dawn. Then it rained.";

  it("keeps the n-th of repeated sentences by context, and by position when the context is short", () => {
    const second = repeated.lastIndexOf("The convoy");
    const { anchored, problems } = anchorImportedHighlights(repeated, [
      item({ quote: { exact: "The convoy left", prefix: "Nobody spoke. ", suffix: " at dawn. Then" } }),
      item({
        quote: { exact: "The convoy left", prefix: "", suffix: "" },
        position: { start: second, end: second + 15 },
      }),
      item({ quote: { exact: "The convoy left", prefix: "", suffix: "" } }),
    ]);
    expect(problems).toEqual([]);
    expect(anchored.map((a) => [a.outcome, a.start])).toEqual([
      ["anchored", second],
      ["anchored", second],
      ["anchored", 0],
    ]);
    expect(anchored[0].prefix).toBe(repeated.slice(Math.max(0, second - 32), second));
  });

  it("reports a quote that matches half of an emoji as a problem of its item, never throws", () => {
    const text = "Later, Massoud 🙂 flew to Dushanbe.";
    const { anchored, problems } = anchorImportedHighlights(text, [
      item({ quote: { exact: "Massoud \ud83d", prefix: "Later, ", suffix: "" } }, 4),
    ]);
    expect(anchored).toEqual([]);
    expect(problems).toEqual([{ item: 4, message: expect.stringMatching(/middle of a character/) }]);
  });

  it("converts code points to UTF-16 offsets around astral characters", () => {
    const text = "🇦🇫 Kabul 👩‍👩‍👧 Herat";
    const herat = text.indexOf("Herat");
    const cp = codePointLength(text.slice(0, herat));
    expect(cp).toBeLessThan(herat);
    const { anchored } = anchorImportedHighlights(text, [item({ position: { start: cp, end: cp + 5 } })]);
    expect(anchored[0]).toMatchObject({ outcome: "anchored", start: herat, end: herat + 5, exact: "Herat" });
  });

  it("finds a slightly changed quote as moved, and reports one that is not there as unanchorable", () => {
    const text = "Commanders met in the Panjshir valley on Tuesday to plan the defence of the north.";
    const { anchored } = anchorImportedHighlights(text, [
      item({ quote: { exact: "met in the Panjshir Valley on Tuesday", prefix: "Commanders ", suffix: " to plan" } }),
      item({ quote: { exact: "an entirely different sentence", prefix: "", suffix: "" } }),
    ]);
    expect(anchored[0].outcome).toBe("moved");
    expect(text.slice(anchored[0].start, anchored[0].end)).toMatch(/Panjshir valley on Tuesday/);
    expect(anchored[1]).toMatchObject({ outcome: "unanchorable", exact: "an entirely different sentence" });
  });

  it("falls back to the quote when the position is outside the text, and refuses a position alone", () => {
    const text = "Short text.";
    const { anchored, problems } = anchorImportedHighlights(text, [
      item({ quote: { exact: "text", prefix: "", suffix: "" }, position: { start: 400, end: 404 } }, 0),
      item({ position: { start: 400, end: 404 } }, 1),
    ]);
    expect(anchored).toHaveLength(1);
    expect(anchored[0]).toMatchObject({ outcome: "anchored", start: 6, end: 10 });
    expect(problems).toEqual([
      { item: 1, message: expect.stringMatching(/outside the article's text \(11 characters\)/) },
    ]);
  });

  it("joins brat fragments across line breaks, and refuses fragments around other text", () => {
    const text = "Ahmad\n\nShah went home.";
    const { anchored, problems } = anchorImportedHighlights(text, [
      item({
        quote: { exact: "Ahmad Shah", prefix: "", suffix: "" },
        position: { start: 0, end: 11 },
        fragments: [
          { start: 0, end: 5 },
          { start: 7, end: 11 },
        ],
        positionIsExact: true,
      }),
      item(
        {
          quote: { exact: "Shah home.", prefix: "", suffix: "" },
          position: { start: 7, end: 21 },
          fragments: [
            { start: 7, end: 11 },
            { start: 17, end: 21 },
          ],
          positionIsExact: true,
        },
        1,
      ),
    ]);
    expect(anchored.map((a) => [a.start, a.end, a.exact])).toEqual([[0, 11, "Ahmad\n\nShah"]]);
    expect(problems).toEqual([{ item: 1, message: expect.stringContaining("more than line breaks") }]);
  });

  it("holds brat spans to their offsets exactly", () => {
    const text = "Ahmad went to Kabul.";
    const { anchored, problems } = anchorImportedHighlights(text, [
      item({
        quote: { exact: "Kabul", prefix: "", suffix: "" },
        position: { start: 14, end: 19 },
        positionIsExact: true,
        line: 1,
      }),
      item(
        {
          quote: { exact: "Herat", prefix: "", suffix: "" },
          position: { start: 14, end: 19 },
          positionIsExact: true,
          line: 2,
        },
        1,
      ),
      item(
        {
          quote: { exact: "Kabul", prefix: "", suffix: "" },
          position: { start: 14, end: 90 },
          positionIsExact: true,
          line: 3,
        },
        2,
      ),
    ]);
    expect(anchored.map((a) => a.start)).toEqual([14]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, expect.stringContaining("is “Kabul”, not “Herat”")],
      [3, expect.stringContaining("outside")],
    ]);
  });
});
