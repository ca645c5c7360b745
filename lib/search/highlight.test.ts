import { describe, expect, it } from "vitest";
import { findMatches, makeSnippet } from "@/lib/search/highlight";

const marked = (text: string, ranges: [number, number][]) => ranges.map(([s, e]) => text.slice(s, e));

describe("findMatches", () => {
  it("matches across case, accents and English word forms", () => {
    const text = "Talks in Kābul: the negotiated NEGOTIATIONS went on.";
    expect(marked(text, findMatches(text, ["kabul", "negotiations"]))).toEqual(["Kābul", "negotiated", "NEGOTIATIONS"]);
  });

  it("matches Arabic without diacritics and with folded letter variants", () => {
    const text = "هذا كِتَاب في مكتبة";
    expect(marked(text, findMatches(text, ["كتاب"]))).toEqual(["كِتَاب"]);
  });

  it("matches Arabic words with and without the definite article and its proclitics", () => {
    // و alone is not stripped (too many words begin with it), only before ال.
    const text = "الكتاب وكتاب والكتاب بالكتاب للكتاب الله";
    expect(marked(text, findMatches(text, ["كتاب"]))).toEqual(["الكتاب", "والكتاب", "بالكتاب", "للكتاب"]);
    expect(marked("هذا كتاب", findMatches("هذا كتاب", ["الكتاب"]))).toEqual(["كتاب"]);
    expect(findMatches("الله", ["له"])).toEqual([]);
  });

  it("finds Chinese words inside a sentence", () => {
    const text = "阿富汗人在喀布尔谈判";
    expect(marked(text, findMatches(text, ["喀布尔"]))).toEqual(["喀布尔"]);
  });

  it("counts UTF-16 units past astral characters", () => {
    const text = "😀 Massoud";
    expect(findMatches(text, ["massoud"])).toEqual([[3, 10]]);
  });
});

describe("makeSnippet", () => {
  it("cuts a window around the first match with offsets into the snippet", () => {
    const text = `${"word ".repeat(100)}Massoud ${"tail ".repeat(100)}`;
    const { snippet, highlights } = makeSnippet(text, ["massoud"], 120);
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    expect(marked(snippet, highlights)).toEqual(["Massoud"]);
  });
});
