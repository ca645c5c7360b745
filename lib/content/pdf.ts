import "server-only";
import type { JSONContent } from "@tiptap/core";
import { canonicalText } from "@/lib/anchoring";
import { AppError } from "@/lib/errors";
import { extractPdfOffThread } from "@/lib/server/compute-pool";
import type { PageStart } from "@/lib/capture/pages";
import { sanitizeContent } from "./sanitize-content";

/** Most pages a PDF may have to be imported. */
export const MAX_PDF_PAGES = 500;

/**
 * Imports a PDF's text: paragraphs in reading order (columns, running
 * headers and footers, hyphenation handled on a worker thread), each page's
 * start in the canonical text kept so the reader and exports can say which
 * page a passage is on.
 *
 * @throws AppError `UNPROCESSABLE` for an encrypted, unreadable or scanned
 *   PDF, or one of more than {@link MAX_PDF_PAGES} pages, saying which.
 */
export async function contentFromPdf(bytes: Uint8Array): Promise<{ content: JSONContent; pages: PageStart[] }> {
  const extracted = await extractPdfOffThread(bytes, MAX_PDF_PAGES);
  if (!extracted.ok) throw new AppError("UNPROCESSABLE", extracted.message, { details: { reason: extracted.reason } });
  const content = sanitizeContent({
    type: "doc",
    content: extracted.paragraphs.map((paragraph) => ({
      type: "paragraph",
      content: [{ type: "text", text: paragraph.text }],
    })),
  });
  const text = canonicalText(content);
  const pages: PageStart[] = [];
  let from = 0;
  for (const paragraph of extracted.paragraphs) {
    const at = text.indexOf(paragraph.text, from);
    if (at < 0) continue;
    for (const start of [{ page: paragraph.page, at: 0 }, ...paragraph.pageBreaks]) {
      if (!pages.length || pages[pages.length - 1].page < start.page)
        pages.push({ page: start.page, start: at + start.at });
    }
    from = at + paragraph.text.length;
  }
  return { content, pages };
}
