import "server-only";
import type { JSONContent } from "@tiptap/core";
import mammoth from "mammoth";
import { AppError } from "@/lib/errors";
import { contentFromHtml } from "./html";
import { assertZipWithinLimits } from "./zip-guard";

/** What a .docx may expand to: generous for text, fatal for a zip bomb. */
export const DOCX_LIMITS = {
  maxEntries: 5_000,
  maxExpandedBytes: 64 * 1024 * 1024,
};

const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

// Images are not part of article content: never read them (no data URIs).
const SKIP_IMAGES = mammoth.images.imgElement(async () => ({ src: "" }));

/**
 * Imports a Word .docx document as article content: converted to HTML by
 * mammoth (headings, lists, links, bold/italic kept; images, external files
 * and embedded objects ignored), then imported through the HTML path.
 *
 * @throws AppError `UNPROCESSABLE` if the file is not a readable .docx,
 *   `PAYLOAD_TOO_LARGE` if it expands past {@link DOCX_LIMITS}.
 */
export async function contentFromDocx(bytes: Uint8Array): Promise<JSONContent> {
  assertZipWithinLimits(bytes, DOCX_LIMITS);
  let html: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        styleMap: STYLE_MAP,
        convertImage: SKIP_IMAGES,
        externalFileAccess: false,
      },
    );
    html = result.value;
  } catch {
    throw new AppError("UNPROCESSABLE", "The file is damaged or is not a Word (.docx) document.");
  }
  return contentFromHtml(html);
}
