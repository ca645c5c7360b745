import "server-only";
import type { JSONContent } from "@tiptap/core";
import { Marked } from "marked";
import { normalizeLineEndings } from "@/lib/anchoring";
import { AppError } from "@/lib/errors";
import { contentFromHtml } from "./html";

const marked = new Marked({ gfm: true, breaks: false });

/**
 * Imports Markdown (GitHub flavour) as article content. Raw HTML inside the
 * Markdown goes through the same sanitizer as an HTML upload.
 */
export function contentFromMarkdown(markdown: string): JSONContent {
  let html: string;
  try {
    html = marked.parse(normalizeLineEndings(markdown), { async: false });
  } catch (err) {
    // marked recurses per nesting level (quotes, lists, emphasis).
    if (err instanceof RangeError) throw new AppError("UNPROCESSABLE", "The document is nested too deeply to import.");
    throw err;
  }
  return contentFromHtml(html);
}
