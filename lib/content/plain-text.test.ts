import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalText, normalizeLineEndings } from "@/lib/anchoring";
import { contentFromPlainText } from "./plain-text";
import { sanitizeContent } from "./sanitize-content";

/** The shared sample article, read where it lives (beside the repository). */
const ARTICLE_PATH = path.resolve(__dirname, "../../../shared/articles/afghan-resistance-2021.txt");

const invariantHolds = (text: string) =>
  expect(canonicalText(contentFromPlainText(text))).toBe(normalizeLineEndings(text).trimEnd());

describe("contentFromPlainText", () => {
  it("makes a paragraph of each block and a hard break of each single newline", () => {
    expect(contentFromPlainText("Title\n\nFirst line\nsecond line\n")).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Title" }] },
        {
          type: "paragraph",
          content: [{ type: "text", text: "First line" }, { type: "hardBreak" }, { type: "text", text: "second line" }],
        },
      ],
    });
  });

  it("keeps text inside a block exactly as typed", () => {
    const block = "  indented, trailing  \u00a0\nThe Taliban’s “playbook” — [sic] (2021) 🇦🇫 👩‍👩‍👧 e\u0301 سلام\u00ad\t";
    const doc = contentFromPlainText(`${block}\n\nnext`);
    expect(doc.content?.[0].content?.[0].text).toBe("  indented, trailing  \u00a0");
    expect(doc.content?.[0].content?.[2].text).toBe(
      "The Taliban’s “playbook” — [sic] (2021) 🇦🇫 👩‍👩‍👧 e\u0301 سلام\u00ad\t",
    );
  });

  it("treats whitespace-only lines as blank and collapses runs of blank lines", () => {
    const doc = contentFromPlainText("a\n \t\nb\n\n\n\nc\n\u00a0\nd");
    expect(canonicalText(doc)).toBe("a\n\nb\n\nc\n\nd");
  });

  it("drops leading blank lines and trailing whitespace, keeps the first line's indentation", () => {
    expect(canonicalText(contentFromPlainText("\n \n\n  First\n\nLast  \n\n \t\n"))).toBe("  First\n\nLast");
  });

  it("normalizes CRLF and CR line endings", () => {
    expect(canonicalText(contentFromPlainText("a\r\nb\r\n\r\nc\rd"))).toBe("a\nb\n\nc\nd");
  });

  it("gives one empty paragraph for empty or blank input", () => {
    for (const text of ["", "\n\n", "  \n\t "]) {
      expect(contentFromPlainText(text)).toEqual({
        type: "doc",
        content: [{ type: "paragraph" }],
      });
    }
  });

  it("produces content valid for the article schema", () => {
    const doc = contentFromPlainText("a\nb\n\nc");
    expect(sanitizeContent(doc)).toEqual(doc);
  });

  it("keeps the canonical text equal to the shared sample article", () => {
    const article = readFileSync(ARTICLE_PATH, "utf8");
    invariantHolds(article);
    invariantHolds(article.replace(/\n/g, "\r\n"));
    expect(canonicalText(contentFromPlainText(article)).split("\n\n").length).toBe(
      article.trimEnd().split("\n\n").length,
    );
  });

  it("keeps the canonical text equal to the file for blocks separated by one blank line (property)", () => {
    const anyChar = fc.string({ unit: "binary", minLength: 1, maxLength: 1 }).filter((c) => c !== "\n" && c !== "\r");
    const visible = fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }).filter((c) => /\S/.test(c));
    // A non-blank line: anything, with at least one non-whitespace character.
    const line = fc
      .tuple(fc.string({ unit: anyChar, maxLength: 12 }), visible, fc.string({ unit: anyChar, maxLength: 12 }))
      .map(([a, b, c]) => a + b + c)
      .filter((l) => /\S/.test(l));
    const block = fc.array(line, { minLength: 1, maxLength: 4 });
    const text = fc.tuple(
      fc.array(block, { minLength: 1, maxLength: 6 }),
      fc.constantFrom("\n", "\r\n", "\r"),
      fc.constantFrom("", "\n", "\n\n", "  \n"),
    );
    fc.assert(
      fc.property(text, ([blocks, eol, tail]) => {
        invariantHolds(blocks.map((b) => b.join(eol)).join(eol + eol) + tail);
      }),
    );
  });
});
