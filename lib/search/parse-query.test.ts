import { describe, expect, it } from "vitest";
import { isEmptySearch, MAX_SEARCH_TERMS, parseSearchQuery } from "@/lib/search/parse-query";

describe("parseSearchQuery", () => {
  it("reads words, phrases, OR and exclusions", () => {
    const q = parseSearchQuery('kabul "peace talks" taliban OR haqqani -saleh');
    expect(q.groups).toEqual([
      [{ text: "kabul", phrase: false }],
      [{ text: "peace talks", phrase: true }],
      [
        { text: "taliban", phrase: false },
        { text: "haqqani", phrase: false },
      ],
    ]);
    expect(q.exclude).toEqual([{ text: "saleh", phrase: false }]);
    expect(q.errors).toEqual({});
  });

  it("reads every filter, quoted or not, and leaves the terms alone", () => {
    const q = parseSearchQuery(
      'entity:"Ahmad Massoud" -Saleh type:person author:ada status:accepted article:Panjshir before:2021-10-01 after:2021-08-15 kind:comment',
    );
    expect(q.groups).toEqual([]);
    expect(q.exclude).toEqual([{ text: "Saleh", phrase: false }]);
    expect(q.filters).toEqual({
      type: ["person"],
      entity: ["Ahmad Massoud"],
      author: ["ada"],
      status: ["ACCEPTED"],
      article: ["Panjshir"],
      before: "2021-10-01",
      after: "2021-08-15",
      kind: ["comment"],
    });
  });

  it("reports filter values that mean nothing", () => {
    const q = parseSearchQuery("status:maybe before:2021-02-30 kind:thing after:soon");
    expect(Object.keys(q.errors).sort()).toEqual(["after", "before", "kind", "status"]);
  });

  it("takes tsquery syntax, unbalanced quotes and control characters as plain text", () => {
    const q = parseSearchQuery('a & b | !c <-> (d:* "open\u0000 quote');
    expect(q.groups.map((g) => g.map((t) => t.text))).toEqual([["a"], ["b"], ["!c"], ["(d:*"], ["open  quote"]]);
    expect(q.exclude).toEqual([]);
  });

  it("ignores an OR or a minus with nothing to join", () => {
    expect(parseSearchQuery("OR kabul OR").groups).toEqual([[{ text: "kabul", phrase: false }]]);
    expect(parseSearchQuery("- kabul -").groups).toEqual([[{ text: "kabul", phrase: false }]]);
  });

  it("keeps at most MAX_SEARCH_TERMS terms", () => {
    const q = parseSearchQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(" "));
    expect(q.groups).toHaveLength(MAX_SEARCH_TERMS);
    expect(q.truncated).toBe(true);
  });

  it("knows an empty query", () => {
    expect(isEmptySearch(parseSearchQuery("  & | ! "))).toBe(true);
    expect(isEmptySearch(parseSearchQuery("kind:entity"))).toBe(false);
  });
});
