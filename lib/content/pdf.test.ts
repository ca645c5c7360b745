import { describe, expect, it } from "vitest";
import { pageAt } from "@/lib/capture/pages";
import { encryptedPdf, longPdf, scannedPdf, TWO_COLUMN, twoColumnPdf } from "@/test/fixtures/pdfs";
import { AppError } from "@/lib/errors";
import { parseArticleUpload } from "./import-article";

async function refusal(bytes: Uint8Array): Promise<AppError> {
  try {
    await parseArticleUpload({ filename: "report.pdf", mimeType: "application/pdf", bytes });
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(422);
    return err as AppError;
  }
  throw new Error("the PDF was imported");
}

describe("importing a PDF", () => {
  it("rebuilds reading order: title, then each column, hyphenated words joined, running footers and page numbers dropped, Arabic kept", async () => {
    const parsed = await parseArticleUpload({ filename: "report.pdf", bytes: await twoColumnPdf() });
    expect(parsed.text).toBe([TWO_COLUMN.title, ...TWO_COLUMN.paragraphs].join("\n\n"));
    expect(parsed.text).not.toContain("Confidential");
    expect(parsed.text).not.toMatch(/Page \d/);
    expect(parsed.suggestedTitle).toBe(TWO_COLUMN.title);
  });

  it("keeps where each page begins, also inside a paragraph that runs onto the next page", async () => {
    const { text, pages } = await parseArticleUpload({ filename: "report.pdf", bytes: await twoColumnPdf() });
    expect(pages?.map((p) => p.page)).toEqual([1, 2, 3]);
    const spillway = text.indexOf("spillway in March.");
    expect(pageAt(pages, text.indexOf("inspection results"))).toBe(1);
    expect(pageAt(pages, spillway)).toBe(2);
    expect(pages![1].start).toBe(spillway);
    expect(pageAt(pages, text.indexOf("Maintenance crews"))).toBe(2);
    expect(pageAt(pages, text.indexOf("A public hearing"))).toBe(3);
  });

  it("says a scanned PDF has no text to import", async () => {
    const err = await refusal(await scannedPdf());
    expect(err.message).toMatch(/no text to import: it looks scanned/);
  });

  it("says an encrypted PDF needs its password removed", async () => {
    const err = await refusal(await encryptedPdf());
    expect(err.message).toBe("The PDF is protected by a password. Remove the password and upload it again.");
  });

  it("limits the pages of a PDF and says so", async () => {
    const err = await refusal(await longPdf(2000));
    expect(err.message).toBe("The PDF has 2,000 pages; at most 500 can be imported. Split it and import the parts.");
  }, 60_000);

  it("says a file that is not a PDF cannot be read", async () => {
    const err = await refusal(new TextEncoder().encode("%PDF-1.7 not really a PDF"));
    expect(err.message).toBe("The file is not a readable PDF.");
  });
});
