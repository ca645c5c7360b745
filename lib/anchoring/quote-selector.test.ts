import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QUOTE_CONTEXT_LENGTH, createQuoteSelector, validateRange } from "./quote-selector";
import { splitsSurrogatePair } from "./unicode";

const hasLoneSurrogate = (s: string) =>
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe("createQuoteSelector", () => {
  it("takes the slice and up to 32 code units of context on each side", () => {
    const text = `${"p".repeat(40)}QUOTE${"s".repeat(40)}`;
    expect(createQuoteSelector(text, 40, 45)).toEqual({
      exact: "QUOTE",
      prefix: "p".repeat(QUOTE_CONTEXT_LENGTH),
      suffix: "s".repeat(QUOTE_CONTEXT_LENGTH),
    });
  });

  it("gives shorter context at the text's edges", () => {
    expect(createQuoteSelector("ab cd ef", 3, 5)).toEqual({ exact: "cd", prefix: "ab ", suffix: " ef" });
    expect(createQuoteSelector("whole", 0, 5)).toEqual({ exact: "whole", prefix: "", suffix: "" });
  });

  it("shortens context by one rather than cut an emoji in half", () => {
    // 31 ASCII + one emoji before, so 32 units back lands inside the emoji.
    const before = `😀${"x".repeat(31)}`;
    const after = `${"y".repeat(31)}🇦🇫`;
    const selector = createQuoteSelector(`${before}Q${after}`, before.length, before.length + 1);
    expect(selector.prefix).toBe("x".repeat(31));
    expect(selector.suffix).toBe("y".repeat(31));
  });

  it("refuses ranges validateRange refuses", () => {
    expect(() => createQuoteSelector("a😀b", 0, 2)).toThrow(RangeError);
    expect(() => createQuoteSelector("abc", 2, 2)).toThrow("The selection is empty: select at least one character.");
  });

  it("gives well-formed context that sits around the quote (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), fc.nat(), fc.nat(), (text, a, b) => {
        const [start, end] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
        if (validateRange(text, start, end) !== null) return;
        const { exact, prefix, suffix } = createQuoteSelector(text, start, end);
        expect(exact).toBe(text.slice(start, end));
        expect(text.slice(start - prefix.length, start)).toBe(prefix);
        expect(text.slice(end, end + suffix.length)).toBe(suffix);
        expect(prefix.length).toBeLessThanOrEqual(QUOTE_CONTEXT_LENGTH);
        expect(suffix.length).toBeLessThanOrEqual(QUOTE_CONTEXT_LENGTH);
        expect(prefix.length).toBeGreaterThanOrEqual(Math.min(start, QUOTE_CONTEXT_LENGTH - 1));
        expect(suffix.length).toBeGreaterThanOrEqual(Math.min(text.length - end, QUOTE_CONTEXT_LENGTH - 1));
        expect(hasLoneSurrogate(prefix) || hasLoneSurrogate(suffix)).toBe(false);
      }),
    );
  });
});

describe("validateRange", () => {
  it("accepts a range of whole characters inside the text", () => {
    expect(validateRange("a😀b", 1, 3)).toBeNull();
    expect(validateRange("abc", 0, 3)).toBeNull();
  });

  it("explains what is wrong", () => {
    expect(validateRange("abc", 0.5, 2)).toBe("The selection's start and end must be whole numbers.");
    expect(validateRange("abc", 0, Number.NaN)).toBe("The selection's start and end must be whole numbers.");
    expect(validateRange("abc", -1, 2)).toBe("The selection reaches outside the article's text.");
    expect(validateRange("abc", 1, 4)).toBe("The selection reaches outside the article's text.");
    expect(validateRange("abc", 2, 1)).toBe("The selection is empty: select at least one character.");
    expect(validateRange("a😀b", 2, 4)).toBe("The selection starts in the middle of a character.");
    expect(validateRange("a😀b", 0, 2)).toBe("The selection ends in the middle of a character.");
  });

  it("accepts exactly the ranges whose ends split no surrogate pair (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "😀", "\ud800", "\udc00"), maxLength: 12 }),
        fc.nat(),
        fc.nat(),
        (text, a, b) => {
          const [start, end] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
          const valid = start < end && !splitsSurrogatePair(text, start) && !splitsSurrogatePair(text, end);
          expect(validateRange(text, start, end) === null).toBe(valid);
        },
      ),
    );
  });
});
