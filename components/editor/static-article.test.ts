// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import path from "node:path";
import { Editor, type JSONContent } from "@tiptap/core";
import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { contentFromMarkdown } from "@/lib/content/markdown";
import { contentFromPlainText } from "@/lib/content/plain-text";
import { articleExtensions } from "./extensions";
import { StaticArticle } from "./static-article";

let editor: Editor | undefined;
afterEach(() => {
  editor?.destroy();
  editor = undefined;
  document.body.innerHTML = "";
});

/** The DOM the live (read-only) editor renders for `content`. */
function liveHtml(content: JSONContent): string {
  editor?.destroy();
  const element = document.createElement("div");
  document.body.append(element);
  editor = new Editor({ element, extensions: articleExtensions, content, editable: false, injectCSS: false });
  // A document that starts with a rule starts with it selected: selection state, not content.
  return editor.view.dom.innerHTML.replace(' class="ProseMirror-selectednode" draggable="true"', "");
}

/** The DOM `StaticArticle` renders for `content` (parsed, so void elements and escapes compare as DOM). */
function staticHtml(content: JSONContent): string {
  const parsed = document.createElement("div");
  parsed.innerHTML = renderToStaticMarkup(createElement(StaticArticle, { content }));
  return parsed.innerHTML;
}

const MARKS = [
  { type: "bold" },
  { type: "italic" },
  { type: "strike" },
  { type: "underline" },
  { type: "code" },
  { type: "link", attrs: { href: "https://example.org/a" } },
  { type: "link", attrs: { href: "https://example.org/b" } },
];

const inline = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.subarray(MARKS, { maxLength: 3 })) },
  { weight: 1, arbitrary: fc.constant("hardBreak" as const) },
);

/** Paragraphs of text with any mix of marks (two links never share a node: a mark type appears once). */
const paragraphArb = fc.array(inline, { maxLength: 8 }).map((items) => ({
  type: "paragraph",
  content: items.map((item) => {
    if (item === "hardBreak") return { type: "hardBreak" };
    const [text, marks] = item;
    const links = marks.filter((m) => m.type === "link");
    const kept = [...marks.filter((m) => m.type !== "link"), ...links.slice(0, 1)];
    // `code` excludes every other mark in StarterKit.
    const usable = kept.some((m) => m.type === "code") ? [{ type: "code" }] : kept;
    return { type: "text", text, ...(usable.length ? { marks: usable } : {}) };
  }),
}));

const blockArb: fc.Arbitrary<JSONContent> = fc.oneof(
  { weight: 4, arbitrary: paragraphArb },
  {
    weight: 1,
    arbitrary: fc
      .array(paragraphArb, { minLength: 1, maxLength: 3 })
      .map((ps) => ({ type: "bulletList", content: ps.map((p) => ({ type: "listItem", content: [p] })) })),
  },
  { weight: 1, arbitrary: paragraphArb.map((p) => ({ type: "blockquote", content: [p] })) },
  {
    weight: 1,
    arbitrary: fc
      .string({ maxLength: 12 })
      .map((t) => ({ type: "codeBlock", content: t ? [{ type: "text", text: t }] : [] })),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map((level) => ({ type: "heading", attrs: { level } })) },
  { weight: 1, arbitrary: fc.constant({ type: "horizontalRule" }) },
);

describe("StaticArticle", () => {
  it("renders exactly the DOM of the live editor, for any mix of nodes and marks", () => {
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 1, maxLength: 6 }), (blocks) => {
        const content = { type: "doc", content: blocks };
        expect(staticHtml(content)).toBe(liveHtml(content));
      }),
      { numRuns: 150 },
    );
  });

  it("renders the shared seed article and a Markdown document as the editor does", () => {
    const seed = readFileSync(
      path.join(process.cwd(), "..", "shared", "articles", "afghan-resistance-2021.txt"),
      "utf8",
    );
    for (const content of [
      contentFromPlainText(seed),
      contentFromMarkdown("# Title\n\n1. one **two** _three_\n2. [link](https://example.org)\n\n> quote `code`\n\n---"),
    ]) {
      expect(staticHtml(content)).toBe(liveHtml(content));
    }
  });
});
