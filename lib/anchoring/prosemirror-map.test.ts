import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalText, canonicalTextWithMap, type DocJSON } from "./canonical-text";
import { posRangeToTextRange, posToTextOffset, textOffsetToPos, textRangeToPosRange } from "./prosemirror-map";

const text = (value: string): DocJSON => ({ type: "text", text: value });
const br: DocJSON = { type: "hardBreak" };
const p = (...content: DocJSON[]): DocJSON => ({ type: "paragraph", content });
const doc = (...content: DocJSON[]): DocJSON => ({ type: "doc", content });

// Positions:   0 <p> 1 a 2 b 3 </p> 4 <p> 5 c 6 <br> 7 d 8 </p> 9
const simple = doc(p(text("ab")), p(text("c"), br, text("d")));

describe("canonicalTextWithMap", () => {
  it("maps text runs and hard breaks to their positions, merged where contiguous", () => {
    expect(canonicalTextWithMap(simple)).toEqual({
      text: "ab\n\nc\nd",
      segments: [
        { textStart: 0, pmStart: 1, length: 2 },
        { textStart: 4, pmStart: 5, length: 3 },
      ],
    });
  });

  it("counts container tokens, empty blocks and leaves without giving them text", () => {
    const content = doc(
      p(),
      { type: "bulletList", content: [{ type: "listItem", content: [p(text("li"))] }] },
      { type: "horizontalRule" },
      { type: "blockquote", content: [p(text("q"))] },
    );
    // <p></p> 0-2, <ul> 2, <li> 3, <p> 4, "li" 5-7, ... </ul> ends 10, <hr> 10-11, <bq> 11, <p> 12, "q" 13.
    expect(canonicalTextWithMap(content)).toEqual({
      text: "li\n\nq",
      segments: [
        { textStart: 0, pmStart: 5, length: 2 },
        { textStart: 4, pmStart: 13, length: 1 },
      ],
    });
  });

  it("takes leaf node types from the options", () => {
    const content = doc({ type: "image" }, p(text("x")));
    expect(canonicalTextWithMap(content).segments[0].pmStart).toBe(3);
    expect(canonicalTextWithMap(content, { leafNodeTypes: ["image"] }).segments[0].pmStart).toBe(2);
  });

  it("gives exactly canonicalText's text for any input (property)", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(canonicalTextWithMap(value as DocJSON).text).toBe(canonicalText(value as DocJSON));
      }),
    );
  });
});

describe("textOffsetToPos / posToTextOffset", () => {
  const map = canonicalTextWithMap(simple);

  it("maps offsets in text one to one", () => {
    expect([0, 1, 2, 4, 5, 6, 7].map((offset) => textOffsetToPos(map, offset))).toEqual([1, 2, 3, 5, 6, 7, 8]);
    expect([1, 2, 3, 5, 6, 7, 8].map((pos) => posToTextOffset(map, pos))).toEqual([0, 1, 2, 4, 5, 6, 7]);
  });

  it("snaps an offset inside a block separator to either neighbouring block", () => {
    expect(textOffsetToPos(map, 3, -1)).toBe(3);
    expect(textOffsetToPos(map, 3, 1)).toBe(5);
  });

  it("snaps a position between blocks to the text before or after", () => {
    expect(posToTextOffset(map, 4, -1)).toBe(2);
    expect(posToTextOffset(map, 4, 1)).toBe(4);
    expect(posToTextOffset(map, 0, 1)).toBe(0);
    expect(posToTextOffset(map, 9, -1)).toBe(7);
  });

  it("clamps beyond either end and maps a textless document to 0", () => {
    expect(textOffsetToPos(map, -5)).toBe(1);
    expect(textOffsetToPos(map, 99)).toBe(8);
    const empty = canonicalTextWithMap(doc(p()));
    expect(textOffsetToPos(empty, 0)).toBe(0);
    expect(posToTextOffset(empty, 1)).toBe(0);
  });

  it("tells apart the two positions around a textless inline node", () => {
    // <p> 1 a 2 <img> 3 b 4 </p>
    const withAtom = canonicalTextWithMap(doc(p(text("a"), { type: "image" }, text("b"))), {
      leafNodeTypes: ["image"],
    });
    expect(withAtom.text).toBe("ab");
    expect(textOffsetToPos(withAtom, 1, -1)).toBe(2);
    expect(textOffsetToPos(withAtom, 1, 1)).toBe(3);
    expect(textRangeToPosRange(withAtom, 1, 2)).toEqual({ from: 3, to: 4 });
    expect(textRangeToPosRange(withAtom, 0, 1)).toEqual({ from: 1, to: 2 });
  });

  it("maps ranges tightly and collapses ranges that hold no text", () => {
    expect(textRangeToPosRange(map, 0, 7)).toEqual({ from: 1, to: 8 });
    expect(textRangeToPosRange(map, 2, 4)).toEqual({ from: 3, to: 5 });
    expect(textRangeToPosRange(map, 3, 3)).toEqual({ from: 5, to: 5 });
    expect(posRangeToTextRange(map, 0, 9)).toEqual({ start: 0, end: 7 });
    expect(posRangeToTextRange(map, 3, 5)).toEqual({ start: 2, end: 4 });
    expect(posRangeToTextRange(map, 4, 4)).toEqual({ start: 4, end: 4 });
  });

  it("round-trips every offset outside separators (property)", () => {
    const block = fc
      .array(fc.oneof(fc.string({ unit: "grapheme", minLength: 1, maxLength: 5 }).map(text), fc.constant(br)), {
        maxLength: 4,
      })
      .map((content) => p(...content));
    fc.assert(
      fc.property(fc.array(block, { maxLength: 5 }), (blocks) => {
        const m = canonicalTextWithMap(doc(...blocks));
        for (const segment of m.segments) {
          for (let k = 0; k <= segment.length; k++) {
            const offset = segment.textStart + k;
            const pos = textOffsetToPos(m, offset, k === 0 ? 1 : -1);
            expect(pos).toBe(segment.pmStart + k);
            expect(posToTextOffset(m, pos)).toBe(offset);
          }
        }
      }),
    );
  });
});
