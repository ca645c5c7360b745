import type { JSONContent } from "@tiptap/core";
import { normalizeLineEndings } from "@/lib/anchoring";

/** A line with nothing but whitespace (JavaScript's `\s`, so NBSP too) separates blocks. */
const BLANK_LINE = /^\s*$/;

/**
 * Imports plain text as article content: line endings normalized to LF,
 * trailing whitespace of the whole text and leading blank lines dropped; then
 * every run of non-blank lines is a paragraph, its line breaks hard breaks.
 * Text inside a paragraph is kept exactly as typed — indentation, trailing
 * spaces, quotes, dashes, emoji.
 *
 * So for text whose paragraphs are separated by exactly one empty line,
 * `canonicalText(contentFromPlainText(t)) === normalizeLineEndings(t).trimEnd()`.
 * Empty input gives a document with one empty paragraph.
 */
export function contentFromPlainText(text: string): JSONContent {
  const paragraphs: JSONContent[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    paragraphs.push({
      type: "paragraph",
      content: lines.flatMap((line, i): JSONContent[] =>
        i === 0 ? [{ type: "text", text: line }] : [{ type: "hardBreak" }, { type: "text", text: line }],
      ),
    });
    lines = [];
  };
  for (const line of normalizeLineEndings(text).trimEnd().split("\n")) {
    if (BLANK_LINE.test(line)) flush();
    else lines.push(line);
  }
  flush();
  return {
    type: "doc",
    content: paragraphs.length > 0 ? paragraphs : [{ type: "paragraph" }],
  };
}
