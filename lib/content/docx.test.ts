import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { canonicalText } from "@/lib/anchoring";
import { AppError } from "@/lib/errors";
import { buildDocx } from "./docx.fixture";
import { contentFromDocx } from "./docx";
import { renderArticleHtml } from "./render-html";
import { assertZipWithinLimits } from "./zip-guard";

async function expectAppError(promise: Promise<unknown>, code: string) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
}

describe("contentFromDocx", () => {
  it("converts headings, paragraphs, bold runs and links", async () => {
    const bytes = await buildDocx([
      { style: "Title", runs: ["Afghan Resistance Mulls Government in Exile"] },
      { style: "Heading1", runs: ["Background"] },
      {
        runs: [
          "The ",
          { text: "Taliban’s", bold: true },
          " playbook — see ",
          { text: "the report", link: "https://example.org/r" },
          ". 🇦🇫",
        ],
      },
      { runs: [{ text: "bad link", link: "javascript:alert(1)" }] },
    ]);
    const content = await contentFromDocx(bytes);
    expect(canonicalText(content)).toBe(
      "Afghan Resistance Mulls Government in Exile\n\nBackground\n\nThe Taliban’s playbook — see the report. 🇦🇫\n\nbad link",
    );
    const html = renderArticleHtml(content);
    expect(html).toContain("<h1>Afghan Resistance Mulls Government in Exile</h1>");
    expect(html).toContain("<h1>Background</h1>");
    expect(html).toContain("<strong>Taliban’s</strong>");
    expect(html).toContain('href="https://example.org/r"');
    expect(html).not.toMatch(/javascript/i);
  });

  it("refuses a file that is not a .docx", async () => {
    await expectAppError(contentFromDocx(new TextEncoder().encode("not a zip at all")), "UNPROCESSABLE");
    const zip = new JSZip();
    zip.file("hello.txt", "a zip, but not a Word document");
    await expectAppError(contentFromDocx(await zip.generateAsync({ type: "uint8array" })), "UNPROCESSABLE");
  });

  it("refuses a truncated .docx", async () => {
    const bytes = await buildDocx([{ runs: ["text"] }]);
    await expectAppError(contentFromDocx(bytes.subarray(0, bytes.length - 30)), "UNPROCESSABLE");
  });

  it("refuses a zip bomb before converting it", async () => {
    const bytes = await buildDocx([{ runs: ["small"] }], {
      extraFiles: { "word/media/bomb.bin": new Uint8Array(80 * 1024 * 1024) },
    });
    expect(bytes.length).toBeLessThan(200 * 1024);
    await expectAppError(contentFromDocx(bytes), "PAYLOAD_TOO_LARGE");
  });
});

describe("assertZipWithinLimits", () => {
  it("accepts an archive within the limits and refuses one past them", async () => {
    const zip = new JSZip();
    zip.file("a.txt", "a".repeat(1000));
    zip.file("b.txt", "b".repeat(1000), { compression: "STORE" });
    const bytes = await zip.generateAsync({
      type: "uint8array",
      compression: "DEFLATE",
    });
    expect(() => assertZipWithinLimits(bytes, { maxEntries: 2, maxExpandedBytes: 2000 })).not.toThrow();
    expect(() => assertZipWithinLimits(bytes, { maxEntries: 2, maxExpandedBytes: 1999 })).toThrow(AppError);
    expect(() => assertZipWithinLimits(bytes, { maxEntries: 1, maxExpandedBytes: 2000 })).toThrow(AppError);
  });

  it("does not trust the sizes an archive declares", async () => {
    const zip = new JSZip();
    zip.file("big.xml", "x".repeat(100_000));
    const bytes = await zip.generateAsync({
      type: "uint8array",
      compression: "DEFLATE",
    });
    // Rewrite every declared uncompressed size to 1 byte.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i + 4 <= bytes.length; i++) {
      if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, 1, true);
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 1, true);
    }
    expect(() =>
      assertZipWithinLimits(bytes, {
        maxEntries: 10,
        maxExpandedBytes: 50_000,
      }),
    ).toThrow(AppError);
  });

  it("refuses garbage without throwing anything but an AppError", () => {
    for (const bytes of [new Uint8Array(0), new Uint8Array(21), new Uint8Array(100).fill(0x50)]) {
      expect(() => assertZipWithinLimits(bytes, { maxEntries: 10, maxExpandedBytes: 10 })).toThrow(AppError);
    }
  });
});
