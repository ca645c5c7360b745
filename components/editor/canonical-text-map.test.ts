import { readFileSync } from "node:fs";
import path from "node:path";
import { getSchema, type JSONContent } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Node } from "@tiptap/pm/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ARTICLE_LEAF_NODE_TYPES,
  canonicalText,
  canonicalTextMapOfNode,
  canonicalTextWithMap,
  normalizeLineEndings,
  posToTextOffset,
  textOffsetToPos,
  type CanonicalTextMap,
} from "@/lib/anchoring";
import { articleExtensions } from "./extensions";

const schema = getSchema(articleExtensions);

const text = (value: string, marks?: JSONContent["marks"]): JSONContent => ({
  type: "text",
  text: value,
  ...(marks ? { marks } : {}),
});
const br: JSONContent = { type: "hardBreak" };
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const li = (...content: JSONContent[]): JSONContent => ({ type: "listItem", content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

/** ProseMirror's text of a range, with the canonical separators. */
const pmText = (node: PMNode, from: number, to: number) =>
  node.textBetween(from, to, "\n\n", (leaf) => (leaf.type.name === "hardBreak" ? "\n" : ""));

/** Offsets that are not strictly inside a block separator. */
function offsetsOutsideSeparators(map: CanonicalTextMap): number[] {
  const offsets: number[] = [];
  for (const segment of map.segments) {
    for (let k = 0; k <= segment.length; k++) offsets.push(segment.textStart + k);
  }
  return [...new Set(offsets)];
}

/**
 * The canonical text of `node.cut(pos(a), pos(b))`: the slice, except that a
 * cut starting at a block's end or ending at a block's start leaves an empty
 * block there, which contributes no separator.
 */
function cutText(map: CanonicalTextMap, a: number, b: number): string {
  const endsBlock = map.segments.some((s) => s.textStart + s.length === a && a < map.text.length);
  const startsBlock = map.segments.some((s) => s.textStart === b && b > 0);
  const from = endsBlock ? a + 2 : a;
  const to = startsBlock ? b - 2 : b;
  return from < to ? map.text.slice(from, to) : "";
}

/** Checks the map of a document against ProseMirror's own reading of it. */
function expectMapAgreesWithProseMirror(json: JSONContent, pairs: "all" | "near") {
  const node = Node.fromJSON(schema, json);
  const map = canonicalTextMapOfNode(node);
  expect(map.text).toBe(canonicalText(json));
  expect(canonicalTextWithMap(json)).toEqual(map);
  const offsets = offsetsOutsideSeparators(map);
  const pos = (offset: number) => textOffsetToPos(map, offset);
  for (const [i, a] of offsets.entries()) {
    expect(posToTextOffset(map, pos(a))).toBe(a);
    const ends = pairs === "all" ? offsets.slice(i) : [offsets[i + 1], offsets[i + 2], offsets[i + 40]];
    for (const b of ends) {
      if (b === undefined) continue;
      expect(pmText(node, pos(a), pos(b))).toBe(map.text.slice(a, b));
      expect(canonicalText(node.cut(pos(a), pos(b)).toJSON())).toBe(cutText(map, a, b));
    }
  }
}

describe("canonical text map against ProseMirror", () => {
  it("knows the article schema's leaf nodes", () => {
    const leaves = Object.values(schema.nodes)
      .filter((type) => type.isLeaf && !type.isText)
      .map((type) => type.name);
    expect([...ARTICLE_LEAF_NODE_TYPES].sort()).toEqual(leaves.sort());
  });

  it("maps the seed article exactly", () => {
    const articlePath = path.resolve(__dirname, "../../../shared/articles/afghan-resistance-2021.txt");
    const article = normalizeLineEndings(readFileSync(articlePath, "utf8")).trimEnd();
    const json = doc(...article.split("\n\n").map((paragraph) => p(text(paragraph))));
    const node = Node.fromJSON(schema, json);
    const map = canonicalTextMapOfNode(node);
    expect(map.text).toBe(article);
    expectMapAgreesWithProseMirror(json, "near");
    for (const a of offsetsOutsideSeparators(map).filter((_, i) => i % 97 === 0)) {
      expect(pmText(node, textOffsetToPos(map, 0), textOffsetToPos(map, a))).toBe(article.slice(0, a));
      expect(pmText(node, textOffsetToPos(map, a), textOffsetToPos(map, article.length))).toBe(article.slice(a));
    }
  });

  it("maps nested lists, blockquotes, headings, code, hard breaks and astral text, every pair of offsets", () => {
    expectMapAgreesWithProseMirror(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [text("Title 🇦🇫")] },
        p(text("bold", [{ type: "bold" }]), text(" and "), text("👩‍👩‍👧‍👦", [{ type: "italic" }]), br, text("e\u0301")),
        {
          type: "bulletList",
          content: [
            li(p(text("one")), p(text("two"), br, br, text("x"))),
            li(p(text("سلام")), { type: "orderedList", attrs: { start: 1 }, content: [li(p(text("inner 𠀋")))] }),
          ],
        },
        { type: "horizontalRule" },
        { type: "blockquote", content: [p(text("quoted")), { type: "blockquote", content: [p(text("deeper"))] }] },
        { type: "codeBlock", attrs: { language: null }, content: [text("let a = 1;\n  a++;")] },
        p(br),
        p(text("end\u00a0co\u00adop")),
      ),
      "all",
    );
  });

  it("ignores empty paragraphs, as canonical text does", () => {
    const json = doc(p(), p(text("a")), p(), p(), p(text("b")), p());
    const node = Node.fromJSON(schema, json);
    const map = canonicalTextMapOfNode(node);
    expect(map.text).toBe("a\n\nb");
    expect(canonicalTextWithMap(json)).toEqual(map);
    // PM's textBetween gives empty blocks separators of their own; its cut does not.
    expect(canonicalText(node.cut(textOffsetToPos(map, 0), textOffsetToPos(map, 4)).toJSON())).toBe("a\n\nb");
    expect(textOffsetToPos(map, 1)).toBe(4);
    expect(textOffsetToPos(map, 2, 1)).toBe(textOffsetToPos(map, 3, 1));
    expect(textOffsetToPos(map, 3, 1)).toBe(10);
  });

  it("agrees with ProseMirror on random documents (property)", () => {
    const inline = fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }).map((s) => text(s)) },
      { weight: 1, arbitrary: fc.constant(br) },
    );
    const paragraph = fc.array(inline, { maxLength: 4 }).map((content) => p(...content));
    const { block } = fc.letrec<{ block: JSONContent }>((tie) => ({
      block: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        paragraph,
        fc.constant<JSONContent>({ type: "horizontalRule" }),
        fc.array(tie("block"), { minLength: 1, maxLength: 3 }).map((content) => ({ type: "blockquote", content })),
        fc
          .array(fc.tuple(paragraph, fc.array(tie("block"), { maxLength: 2 })), { minLength: 1, maxLength: 3 })
          .map(([...items]) => ({ type: "bulletList", content: items.map(([first, rest]) => li(first, ...rest)) })),
      ),
    }));
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 4 }), (blocks) => {
        const json = doc(...blocks);
        const node = Node.fromJSON(schema, json);
        node.check();
        const map = canonicalTextMapOfNode(node);
        expect(map.text).toBe(canonicalText(json));
        expect(canonicalTextWithMap(json)).toEqual(map);
        const offsets = offsetsOutsideSeparators(map);
        const last = offsets[offsets.length - 1];
        for (const a of offsets) {
          for (const b of offsets) {
            if (b < a || (b - a > 8 && a !== 0 && b !== last)) continue;
            const [from, to] = [textOffsetToPos(map, a), textOffsetToPos(map, b)];
            expect(canonicalText(node.cut(from, to).toJSON())).toBe(cutText(map, a, b));
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
