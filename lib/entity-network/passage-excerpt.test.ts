import { describe, expect, it } from "vitest";
import { passageExcerpt } from "./passage-excerpt";
import { highlightSegments } from "./highlight-segments";

describe("passageExcerpt", () => {
  it("keeps a short paragraph whole", () => {
    const h = [{ start: 2, end: 5 }];
    expect(passageExcerpt("a 🙂b c", h)).toEqual({ text: "a 🙂b c", cutBefore: false, cutAfter: false, highlights: h });
  });

  it("cuts a long paragraph around its first highlight, shifting and clipping highlights", () => {
    const paragraph = "x".repeat(1000) + "Alice" + "y".repeat(1000);
    const cut = passageExcerpt(
      paragraph,
      [
        { start: 1000, end: 1005 },
        { start: 1900, end: 1905 },
      ],
      300,
    );
    expect(cut.cutBefore && cut.cutAfter).toBe(true);
    expect(cut.text).toHaveLength(300);
    expect(cut.highlights).toHaveLength(1);
    expect(cut.text.slice(cut.highlights[0].start, cut.highlights[0].end)).toBe("Alice");
  });

  it("never cuts an astral character in half", () => {
    const paragraph = "🙂".repeat(400) + "Bob" + "😀".repeat(400);
    for (const max of [99, 100, 101]) {
      const cut = passageExcerpt(paragraph, [{ start: 800, end: 803 }], max);
      expect(cut.text).toBe(Array.from(cut.text).join(""));
      expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(cut.text)).toBe(false);
      expect(cut.text.slice(cut.highlights[0].start, cut.highlights[0].end)).toBe("Bob");
    }
  });

  it("shows both entities when they fit, even if one's first mention lies far before", () => {
    const paragraph = "Alice" + "x".repeat(1000) + "Alice met Bob" + "y".repeat(1000);
    const highlights = [
      { start: 0, end: 5, entityId: "alice" },
      { start: 1005, end: 1010, entityId: "alice" },
      { start: 1015, end: 1018, entityId: "bob" },
    ];
    const cut = passageExcerpt(paragraph, highlights, 300);
    expect(cut.highlights.map((h) => [h.entityId, cut.text.slice(h.start, h.end)])).toEqual([
      ["alice", "Alice"],
      ["bob", "Bob"],
    ]);
  });

  it("opens at the paragraph's end when the highlight is near it", () => {
    const paragraph = "z".repeat(1000) + "Carol";
    const cut = passageExcerpt(paragraph, [{ start: 1000, end: 1005 }], 200);
    expect(cut.cutAfter).toBe(false);
    expect(cut.text.endsWith("Carol")).toBe(true);
  });
});

describe("highlightSegments", () => {
  it("splits at every edge so nested highlights each show", () => {
    const text = "the Kabul University staff";
    const segments = highlightSegments(text, [
      { start: 4, end: 20, entityId: "org" },
      { start: 4, end: 9, entityId: "place" },
    ]);
    expect(segments.map((s) => [s.text, s.entityIds])).toEqual([
      ["the ", []],
      ["Kabul", ["org", "place"]],
      [" University", ["org"]],
      [" staff", []],
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
  });
});
