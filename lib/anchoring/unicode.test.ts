import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  codePointLength,
  codePointToUtf16,
  createOffsetConverter,
  splitsSurrogatePair,
  utf16ToCodePoint,
} from "./unicode";

/** Reference: code-point offset of a UTF-16 offset, via the string iterator. */
const refToCodePoint = (text: string, utf16: number) => Array.from(text.slice(0, utf16)).length;
/** Reference: UTF-16 offset of a code-point offset, via the string iterator. */
const refToUtf16 = (text: string, cp: number) => Array.from(text).slice(0, cp).join("").length;

/** Valid (non-splitting) UTF-16 offsets into `text`. */
const validOffsets = (text: string) =>
  Array.from({ length: text.length + 1 }, (_, i) => i).filter((i) => !splitsSurrogatePair(text, i));

/** Any code point, or a lone surrogate now and then. */
const textWithLoneSurrogates = fc.string({
  unit: fc.oneof(
    {
      weight: 5,
      arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    },
  ),
  maxLength: 40,
});

describe("utf16ToCodePoint / codePointToUtf16", () => {
  const cases: Array<[label: string, text: string, utf16: number, cp: number]> = [
    ["ASCII", "hello", 3, 3],
    ["BMP letters", "Kabul — Кабул", 13, 13],
    ["emoji", "a😀b", 3, 2],
    ["emoji at the end", "a😀", 3, 2],
    ["flag (two regional indicators)", "🇦🇫 Afghanistan", 4, 2],
    ["ZWJ family", "👩‍👩‍👧‍👦!", 11, 7],
    ["skin-tone modifier", "👋🏽x", 4, 2],
    ["combining marks", "e\u0301te\u0301", 5, 5],
    ["right-to-left text", "سلام 👋 دنیا", 8, 7],
    ["no-break and soft hyphen", "co\u00adop\u00a0x", 7, 7],
    ["astral CJK ideograph", "𠀋𠀋", 4, 2],
  ];

  it.each(cases)("converts offsets in %s", (_label, text, utf16, cp) => {
    expect(utf16ToCodePoint(text, utf16)).toBe(cp);
    expect(codePointToUtf16(text, cp)).toBe(utf16);
    expect(utf16ToCodePoint(text, utf16)).toBe(refToCodePoint(text, utf16));
  });

  it("counts a lone surrogate as one code point", () => {
    const text = "a\ud800b\udc00c";
    expect(codePointLength(text)).toBe(5);
    expect(utf16ToCodePoint(text, 2)).toBe(2);
    expect(codePointToUtf16(text, 4)).toBe(4);
  });

  it("refuses offsets that split a surrogate pair", () => {
    expect(() => utf16ToCodePoint("a😀b", 2)).toThrow(RangeError);
    expect(() => createOffsetConverter("a😀b").toCodePoint(2)).toThrow(RangeError);
  });

  it("refuses offsets out of range or not integers", () => {
    for (const bad of [-1, 4, 1.5, Number.NaN]) {
      expect(() => utf16ToCodePoint("abc", bad)).toThrow(RangeError);
      expect(() => codePointToUtf16("abc", bad)).toThrow(RangeError);
      expect(() => createOffsetConverter("abc").toCodePoint(bad)).toThrow(RangeError);
      expect(() => createOffsetConverter("abc").toUtf16(bad)).toThrow(RangeError);
    }
    expect(() => codePointToUtf16("😀", 2)).toThrow(RangeError);
  });

  it("round-trips every valid offset (property)", () => {
    fc.assert(
      fc.property(textWithLoneSurrogates, (text) => {
        const converter = createOffsetConverter(text);
        expect(codePointLength(text)).toBe(Array.from(text).length);
        for (const utf16 of validOffsets(text)) {
          const cp = utf16ToCodePoint(text, utf16);
          expect(cp).toBe(refToCodePoint(text, utf16));
          expect(converter.toCodePoint(utf16)).toBe(cp);
          expect(codePointToUtf16(text, cp)).toBe(utf16);
        }
        for (let cp = 0; cp <= codePointLength(text); cp++) {
          const utf16 = codePointToUtf16(text, cp);
          expect(utf16).toBe(refToUtf16(text, cp));
          expect(converter.toUtf16(cp)).toBe(utf16);
          expect(splitsSurrogatePair(text, utf16)).toBe(false);
          expect(utf16ToCodePoint(text, utf16)).toBe(cp);
        }
      }),
    );
  });

  it("keeps the slice between converted offsets equal (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), fc.nat(), fc.nat(), (text, a, b) => {
        const cps = Array.from(text);
        const [start, end] = [a % (cps.length + 1), b % (cps.length + 1)].sort((x, y) => x - y);
        const slice = text.slice(codePointToUtf16(text, start), codePointToUtf16(text, end));
        expect(slice).toBe(cps.slice(start, end).join(""));
      }),
    );
  });
});

describe("splitsSurrogatePair", () => {
  it("is true only between the halves of a pair", () => {
    const text = "a😀b";
    expect([0, 1, 2, 3, 4].map((i) => splitsSurrogatePair(text, i))).toEqual([false, false, true, false, false]);
  });

  it("is false around lone surrogates and for out-of-range offsets", () => {
    expect(splitsSurrogatePair("\ud800a", 1)).toBe(false);
    expect(splitsSurrogatePair("a\udc00", 1)).toBe(false);
    expect(splitsSurrogatePair("😀", -1)).toBe(false);
    expect(splitsSurrogatePair("😀", 5)).toBe(false);
  });
});
