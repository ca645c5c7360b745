import "server-only";
import type { JSONContent } from "@tiptap/core";
import { canonicalText } from "@/lib/anchoring";
import { AppError } from "@/lib/errors";
import { contentFromDocx } from "./docx";
import { contentFromHtmlOffThread } from "@/lib/server/compute-pool";
import { titleFromHtml } from "./html";
import { MAX_TEXT_CHARS, MAX_UPLOAD_BYTES } from "./limits";
import { contentFromMarkdown } from "./markdown";
import { contentFromPdf } from "./pdf";
import { contentFromPlainText } from "./plain-text";
import type { PageStart } from "@/lib/capture/pages";
import { sanitizeContent } from "./sanitize-content";

export type ArticleFormat = "text" | "markdown" | "html" | "docx" | "pdf";

/** An uploaded file, or text pasted into the form. */
export type ArticleUpload =
  | { filename: string; mimeType?: string; bytes: Uint8Array }
  | { text: string; format?: Exclude<ArticleFormat, "docx" | "pdf"> };

export type ParsedArticle = {
  /** Sanitized Tiptap JSON, valid for the article schema. */
  content: JSONContent;
  /** `canonicalText(content)`: what every annotation offset points into. */
  text: string;
  /** A title taken from the document, or `null` when it offers none. */
  suggestedTitle: string | null;
  /** For a PDF: where each page begins in `text`. */
  pages?: PageStart[];
};

/** Longest first line or heading taken as a title. */
export const MAX_SUGGESTED_TITLE_CHARS = 200;

const FORMAT_BY_EXTENSION: Record<string, ArticleFormat> = {
  txt: "text",
  md: "markdown",
  markdown: "markdown",
  html: "html",
  htm: "html",
  docx: "docx",
  pdf: "pdf",
};

const FORMAT_BY_MIME_TYPE: Record<string, ArticleFormat> = {
  "text/plain": "text",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/html": "html",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/pdf": "pdf",
};

function unsupported(): AppError {
  return new AppError(
    "UNSUPPORTED_MEDIA_TYPE",
    "This file type cannot be imported. Supported: .txt, .md, .html, .docx, .pdf.",
  );
}

function tooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB.`);
}

/**
 * The format of an upload, from its file extension; the MIME type is
 * consulted only when the name has no extension.
 */
export function detectArticleFormat(filename: string, mimeType?: string): ArticleFormat {
  const base = filename.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  if (dot > 0) {
    const format = FORMAT_BY_EXTENSION[base.slice(dot + 1).toLowerCase()];
    if (!format) throw unsupported();
    return format;
  }
  const format = FORMAT_BY_MIME_TYPE[(mimeType ?? "").split(";")[0].trim().toLowerCase()];
  if (!format) throw unsupported();
  return format;
}

/**
 * Decodes uploaded text: UTF-8 (byte order mark stripped), or UTF-16 when it
 * starts with a UTF-16 byte order mark.
 *
 * @throws AppError `UNPROCESSABLE` for bytes that are not valid text.
 */
export function decodeText(bytes: Uint8Array): string {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError("UNPROCESSABLE", "The file is not valid UTF-8 text. Save it as UTF-8 and try again.");
  }
  if (text.includes("\0")) {
    throw new AppError("UNPROCESSABLE", "The file does not look like a text document.");
  }
  return text;
}

/** Whitespace collapsed; `null` unless 1–200 characters remain. */
function asTitle(candidate: string | null | undefined): string | null {
  const title = candidate?.replace(/[\s\p{Cc}]+/gu, " ").trim();
  return title && title.length <= MAX_SUGGESTED_TITLE_CHARS ? title : null;
}

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end < 0 ? text : text.slice(0, end);
}

function firstHeading(content: JSONContent, level?: number): string | null {
  const heading = (content.content ?? []).find(
    (node) => node.type === "heading" && (level === undefined || node.attrs?.level === level),
  );
  return heading ? canonicalText(heading) : null;
}

function suggestTitle(format: ArticleFormat, content: JSONContent, text: string, source: string): string | null {
  switch (format) {
    case "text":
      return asTitle(firstLine(text));
    case "markdown":
      return asTitle(firstHeading(content, 1)) ?? asTitle(firstLine(text));
    case "html":
      return asTitle(titleFromHtml(source)) ?? asTitle(firstHeading(content, 1));
    case "docx":
    case "pdf":
      return asTitle(firstLine(text));
  }
}

async function toContent(format: ArticleFormat, source: string | Uint8Array): Promise<JSONContent> {
  if (format === "docx") return contentFromDocx(source as Uint8Array);
  const text = source as string;
  if (format === "markdown") return contentFromMarkdown(text);
  // Off the event loop: sanitizing a large page takes seconds.
  if (format === "html") return contentFromHtmlOffThread(text);
  return sanitizeContent(contentFromPlainText(text));
}

/**
 * Turns an upload into article content, its canonical text and a suggested
 * title. Formats: plain text (.txt), Markdown (.md, .markdown), HTML (.html,
 * .htm) and Word (.docx). Text files must be UTF-8 (or UTF-16 with a byte
 * order mark). Titles: a .txt file's first line, a Markdown file's first `#`
 * heading, an HTML file's `<title>` or first `<h1>`, a .docx file's first
 * paragraph — each only if at most 200 characters; the line stays in the body.
 *
 * @throws AppError `UNSUPPORTED_MEDIA_TYPE` for other formats;
 *   `PAYLOAD_TOO_LARGE` over {@link MAX_UPLOAD_BYTES} bytes or
 *   {@link MAX_TEXT_CHARS} characters of text; `UNPROCESSABLE` for a file
 *   that cannot be read or has no text.
 */
export async function parseArticleUpload(input: ArticleUpload): Promise<ParsedArticle> {
  let format: ArticleFormat;
  let source: string | Uint8Array;
  if ("bytes" in input) {
    format = detectArticleFormat(input.filename, input.mimeType);
    if (input.bytes.byteLength > MAX_UPLOAD_BYTES) throw tooLarge();
    source = format === "docx" || format === "pdf" ? input.bytes : decodeText(input.bytes);
  } else {
    format = input.format ?? "text";
    if (Buffer.byteLength(input.text, "utf8") > MAX_UPLOAD_BYTES) throw tooLarge();
    source = input.text;
  }

  let pages: PageStart[] | undefined;
  let content: JSONContent;
  if (format === "pdf") ({ content, pages } = await contentFromPdf(source as Uint8Array));
  else content = await toContent(format, source);
  const text = canonicalText(content);
  if (text.length > MAX_TEXT_CHARS) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The article is longer than ${MAX_TEXT_CHARS.toLocaleString("en-US")} characters.`,
    );
  }
  if (text.trim() === "") throw new AppError("UNPROCESSABLE", "The file has no text.");
  return {
    content,
    text,
    suggestedTitle: suggestTitle(format, content, text, typeof source === "string" ? source : ""),
    ...(pages ? { pages } : {}),
  };
}
