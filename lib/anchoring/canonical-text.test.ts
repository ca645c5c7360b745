import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalText, normalizeLineEndings, type DocJSON } from "./canonical-text";

const text = (value: string): DocJSON => ({ type: "text", text: value });
const br: DocJSON = { type: "hardBreak" };
const p = (...content: DocJSON[]): DocJSON => ({ type: "paragraph", content });
const doc = (...content: DocJSON[]): DocJSON => ({ type: "doc", content });

describe("canonicalText", () => {
  it("joins blocks with a blank line and hard breaks with a newline", () => {
    expect(canonicalText(doc(p(text("One")), p(text("Two"), br, text("lines"))))).toBe("One\n\nTwo\nlines");
  });

  it("gives every nested textblock its own block, with single separators", () => {
    const content = doc(
      { type: "heading", attrs: { level: 1 }, content: [text("Title")] },
      {
        type: "bulletList",
        content: [
          {
            type: "listItem",
            content: [p(text("first")), p(text("second paragraph"))],
          },
          {
            type: "listItem",
            content: [
              p(text("outer")),
              {
                type: "orderedList",
                content: [{ type: "listItem", content: [p(text("inner"))] }],
              },
            ],
          },
        ],
      },
      {
        type: "blockquote",
        content: [p(text("quoted")), { type: "blockquote", content: [p(text("deeper"))] }],
      },
      {
        type: "codeBlock",
        attrs: { language: null },
        content: [text("let a = 1;\n  a++;")],
      },
      { type: "horizontalRule" },
      {
        type: "table",
        content: [
          {
            type: "tableRow",
            content: [
              { type: "tableCell", content: [p(text("cell A"))] },
              { type: "tableCell", content: [p(text("cell B"))] },
            ],
          },
        ],
      },
    );
    expect(canonicalText(content)).toBe(
      "Title\n\nfirst\n\nsecond paragraph\n\nouter\n\ninner\n\nquoted\n\ndeeper\n\nlet a = 1;\n  a++;\n\ncell A\n\ncell B",
    );
  });

  it("keeps text exactly as stored, marks ignored", () => {
    const typed = "  two  spaces,\u00a0nbsp, soft\u00adhyphen, “quotes” — [brackets] 🇦🇫 سلام\t";
    const bold: DocJSON = {
      type: "text",
      text: "bold",
      marks: [{ type: "bold" }],
    };
    expect(canonicalText(doc(p(text(typed), bold)))).toBe(`${typed}bold`);
  });

  it("skips empty blocks entirely", () => {
    expect(
      canonicalText(doc(p(), p(text("a")), p(), { type: "paragraph" }, { type: "horizontalRule" }, p(text("b")), p())),
    ).toBe("a\n\nb");
    expect(canonicalText(doc())).toBe("");
    expect(canonicalText(doc(p()))).toBe("");
  });

  it("keeps a block made only of hard breaks", () => {
    expect(canonicalText(doc(p(text("a")), p(br), p(text("b"))))).toBe("a\n\n\n\n\nb");
  });

  it("is total: never throws, always returns a string (property)", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(typeof canonicalText(value as DocJSON)).toBe("string");
      }),
    );
  });

  it("does not overflow the stack on deeply nested input", () => {
    let node: DocJSON = p(text("deep"));
    for (let i = 0; i < 100_000; i++) node = { type: "blockquote", content: [node] };
    expect(canonicalText(doc(node))).toBe("deep");
  });
});

// Random documents: containers holding textblocks, text with hard breaks.
const inline = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }).map(text),
  },
  { weight: 1, arbitrary: fc.constant(br) },
);
const textblock = fc.oneof(
  fc.array(inline, { maxLength: 4 }).map((content) => p(...content)),
  fc.array(inline, { maxLength: 3 }).map((content): DocJSON => ({
    type: "heading",
    attrs: { level: 2 },
    content,
  })),
);
const { block } = fc.letrec<{ block: DocJSON }>((tie) => ({
  block: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    textblock,
    fc.constant<DocJSON>({ type: "horizontalRule" }),
    fc.array(tie("block"), { maxLength: 3 }).map((content): DocJSON => ({ type: "blockquote", content })),
    fc.array(fc.array(tie("block"), { maxLength: 2 }), { maxLength: 3 }).map((items): DocJSON => ({
      type: "bulletList",
      content: items.map((content) => ({ type: "listItem", content })),
    })),
  ),
}));
const blocks = fc.array(block, { maxLength: 5 });

/** Texts of the textblocks in document order, straight from the tree. */
function textblockTexts(node: DocJSON): string[] {
  if (node.type === "paragraph" || node.type === "heading") {
    return [(node.content ?? []).map((child) => (child.type === "hardBreak" ? "\n" : child.text)).join("")];
  }
  return (node.content ?? []).flatMap(textblockTexts);
}

describe("canonicalText structure (properties)", () => {
  it("is the non-empty textblocks joined by blank lines", () => {
    fc.assert(
      fc.property(blocks, (content) => {
        const expected = content.flatMap(textblockTexts).filter((t) => t !== "");
        expect(canonicalText(doc(...content))).toBe(expected.join("\n\n"));
      }),
    );
  });

  it("composes: a document's text joins its children's non-empty texts", () => {
    fc.assert(
      fc.property(blocks, (content) => {
        const parts = content.map(canonicalText).filter((t) => t !== "");
        expect(canonicalText(doc(...content))).toBe(parts.join("\n\n"));
      }),
    );
  });

  it("is unchanged by wrapping blocks in a container or adding empty paragraphs", () => {
    fc.assert(
      fc.property(blocks, fc.nat(), (content, at) => {
        const before = canonicalText(doc(...content));
        expect(canonicalText(doc({ type: "blockquote", content }))).toBe(before);
        const withEmpty = [...content];
        withEmpty.splice(at % (content.length + 1), 0, p());
        expect(canonicalText(doc(...withEmpty))).toBe(before);
      }),
    );
  });

  it("never starts or ends with a separator when no block does", () => {
    fc.assert(
      fc.property(blocks, (content) => {
        const result = canonicalText(doc(...content));
        const texts = content.flatMap(textblockTexts).filter((t) => t !== "");
        if (texts.length > 0 && !texts[0].startsWith("\n")) expect(result.startsWith("\n")).toBe(false);
        if (texts.length > 0 && !texts[texts.length - 1].endsWith("\n")) expect(result.endsWith("\n")).toBe(false);
      }),
    );
  });
});

describe("normalizeLineEndings", () => {
  it("turns CRLF and lone CR into LF and leaves LF alone", () => {
    expect(normalizeLineEndings("a\r\nb\rc\nd\r\n\r\ne")).toBe("a\nb\nc\nd\n\ne");
    expect(normalizeLineEndings("\r\r\n")).toBe("\n\n");
  });
});
