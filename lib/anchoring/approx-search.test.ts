import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApproxSearch, editDistance } from "./approx-search";

/** Reference: fewest edits turning `pattern` into any substring of `text` ending at each position. */
function referenceEnds(pattern: string, text: string): number[] {
  let column = Array.from({ length: pattern.length + 1 }, (_, i) => i);
  const ends: number[] = [];
  for (let j = 0; j < text.length; j++) {
    const next = [0];
    for (let i = 1; i <= pattern.length; i++) {
      next[i] = Math.min(column[i] + 1, next[i - 1] + 1, column[i - 1] + (pattern[i - 1] === text[j] ? 0 : 1));
    }
    column = next;
    ends.push(column[pattern.length]);
  }
  return ends;
}

const small = (maxLength: number, minLength = 0) =>
  fc.string({ unit: fc.constantFrom("a", "b", "c", " ", "😀"), minLength, maxLength });

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("flaw", "lawn")).toBe(2);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("is symmetric and bounded by the longer length (property)", () => {
    fc.assert(
      fc.property(small(20), small(20), (a, b) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(editDistance(a, a + b)).toBe(b.length);
      }),
    );
  });
});

describe("createApproxSearch", () => {
  it("finds an edited quote with its edit count and span", () => {
    const search = createApproxSearch("consumed by civil war");
    const text = "could again be consumed by a civil war. Then";
    const found = search(text, 0, text.length, 5, 0);
    expect(found).toEqual({ start: 15, end: 38, errors: 2 });
    expect(text.slice(found!.start, found!.end)).toBe("consumed by a civil war");
  });

  it("returns null when every occurrence needs too many edits", () => {
    expect(createApproxSearch("resistance")("nothing like it here", 0, 20, 2, 0)).toBeNull();
  });

  it("prefers the end nearest the preferred position among equal matches", () => {
    const search = createApproxSearch("abcd");
    const text = "abXd....abXd";
    expect(search(text, 0, text.length, 1, 0)).toEqual({ start: 0, end: 4, errors: 1 });
    expect(search(text, 0, text.length, 1, 12)).toEqual({ start: 8, end: 12, errors: 1 });
  });

  it("searches only inside the window", () => {
    const search = createApproxSearch("needle");
    const text = "needle and hay and needle";
    expect(search(text, 5, 25, 0, 0)).toEqual({ start: 19, end: 25, errors: 0 });
    expect(search(text, 1, 24, 0, 0)).toBeNull();
  });

  it("agrees with dynamic programming for patterns of one to three words of bits (property)", () => {
    fc.assert(
      fc.property(small(90, 1), small(120), fc.nat(), (pattern, text, preferSeed) => {
        const search = createApproxSearch(pattern);
        const found = search(text, 0, text.length, Number.MAX_SAFE_INTEGER, preferSeed % (text.length + 1));
        if (text.length === 0) {
          expect(found).toBeNull();
          return;
        }
        const ends = referenceEnds(pattern, text);
        const min = Math.min(...ends);
        expect(found!.errors).toBe(min);
        expect(ends[found!.end - 1]).toBe(min);
        expect(editDistance(pattern, text.slice(found!.start, found!.end))).toBe(min);
      }),
      { numRuns: 300 },
    );
  });
});
