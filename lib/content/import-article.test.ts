import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalText, normalizeLineEndings } from "@/lib/anchoring";
import { AppError } from "@/lib/errors";
import { buildDocx } from "./docx.fixture";
import { detectArticleFormat, parseArticleUpload, type ArticleUpload } from "./import-article";
import { MAX_TEXT_CHARS, MAX_UPLOAD_BYTES } from "./limits";

const ARTICLE_PATH = path.resolve(__dirname, "../../../shared/articles/afghan-resistance-2021.txt");
const utf8 = (text: string) => new TextEncoder().encode(text);
const file = (filename: string, bytes: Uint8Array, mimeType?: string): ArticleUpload => ({ filename, bytes, mimeType });

async function expectAppError(input: ArticleUpload, code: string, message?: RegExp) {
  const err = await parseArticleUpload(input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (message) expect((err as AppError).message).toMatch(message);
}

describe("parseArticleUpload", () => {
  it("imports the sample article as text equal to the file, titled by its first line", async () => {
    const bytes = readFileSync(ARTICLE_PATH);
    const result = await parseArticleUpload(file("afghan-resistance-2021.txt", bytes, "text/plain"));
    expect(result.text).toBe(normalizeLineEndings(bytes.toString("utf8")).trimEnd());
    expect(result.text).toBe(canonicalText(result.content));
    expect(result.suggestedTitle).toBe("Afghan Resistance Mulls Formation of Government in Exile");
    expect(result.text.startsWith("Afghan Resistance Mulls")).toBe(true);
  });

  it("strips a UTF-8 byte order mark and reads UTF-16 with a byte order mark", async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Title\r\n\r\nBody 🙂")]);
    expect((await parseArticleUpload(file("a.txt", withBom))).text).toBe("Title\n\nBody 🙂");
    const pasted = "Hé 🙂\r\n";
    const utf16le = [
      0xff,
      0xfe,
      ...Array.from({ length: pasted.length }, (_, i) => [
        pasted.charCodeAt(i) & 0xff,
        pasted.charCodeAt(i) >> 8,
      ]).flat(),
    ];
    expect((await parseArticleUpload(file("a.txt", new Uint8Array(utf16le)))).text).toBe("Hé 🙂");
  });

  it("refuses invalid UTF-8 and binary files", async () => {
    await expectAppError(file("a.txt", new Uint8Array([0x48, 0xc3, 0x28])), "UNPROCESSABLE", /UTF-8/);
    await expectAppError(file("a.txt", new Uint8Array([0x48, 0x00, 0x49])), "UNPROCESSABLE");
  });

  it("imports Markdown, titled by its first # heading", async () => {
    const result = await parseArticleUpload(file("notes.md", utf8("Intro line\n\n# The Heading\n\nBody *text*.")));
    expect(result.text).toBe("Intro line\n\nThe Heading\n\nBody text.");
    expect(result.suggestedTitle).toBe("The Heading");
  });

  it("imports HTML, titled by <title> then <h1>, sanitized", async () => {
    const html =
      "<html><head><title>Page title</title></head><body><h1>Head</h1><p onclick=alert(1)>Body</p><script>alert(1)</script></body></html>";
    const result = await parseArticleUpload(file("page.HTM", utf8(html)));
    expect(result.text).toBe("Head\n\nBody");
    expect(result.suggestedTitle).toBe("Page title");
    expect(JSON.stringify(result.content)).not.toMatch(/alert|onclick/);
    expect(
      (
        await parseArticleUpload({
          text: "<h1>Only h1</h1><p>x</p>",
          format: "html",
        })
      ).suggestedTitle,
    ).toBe("Only h1");
  });

  it("imports .docx, titled by its first paragraph", async () => {
    const bytes = await buildDocx([{ style: "Title", runs: ["Docx title"] }, { runs: ["Body."] }]);
    const result = await parseArticleUpload(file("report.docx", bytes));
    expect(result.text).toBe("Docx title\n\nBody.");
    expect(result.suggestedTitle).toBe("Docx title");
  });

  it("imports pasted text, plain by default", async () => {
    const result = await parseArticleUpload({
      text: "Pasted headline\r\n\r\nBody 🙂 text.  ",
    });
    expect(result).toMatchObject({
      text: "Pasted headline\n\nBody 🙂 text.",
      suggestedTitle: "Pasted headline",
    });
    expect((await parseArticleUpload({ text: "**bold**", format: "markdown" })).text).toBe("bold");
  });

  it("suggests no title when the first line is over 200 characters, and keeps it in the body", async () => {
    const long = "x".repeat(201);
    const result = await parseArticleUpload({ text: `${long}\n\nbody` });
    expect(result.suggestedTitle).toBeNull();
    expect(result.text).toBe(`${long}\n\nbody`);
    expect((await parseArticleUpload({ text: `${"y".repeat(200)}\n\nbody` })).suggestedTitle).toBe("y".repeat(200));
  });

  it("refuses unsupported types with 415 naming the supported ones", async () => {
    for (const name of ["slides.pptx", "old.doc", "image.png", "archive.txt.zip"]) {
      await expectAppError(
        file(name, utf8("x")),
        "UNSUPPORTED_MEDIA_TYPE",
        /Supported: \.txt, \.md, \.html, \.docx, \.pdf/,
      );
    }
  });

  it("falls back to the MIME type only when the name has no extension", async () => {
    expect(detectArticleFormat("README", "text/markdown; charset=utf-8")).toBe("markdown");
    expect(detectArticleFormat("C:\\fakepath\\notes.TXT", "application/octet-stream")).toBe("text");
    expect(detectArticleFormat("noext", "application/pdf")).toBe("pdf");
    expect(() => detectArticleFormat("noext", "application/zip")).toThrow(AppError);
    expect(() => detectArticleFormat(".hidden")).toThrow(AppError);
  });

  it("refuses uploads over the byte limit with 413", async () => {
    await expectAppError(file("big.txt", new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x61)), "PAYLOAD_TOO_LARGE");
    await expectAppError({ text: "é".repeat(MAX_UPLOAD_BYTES / 2 + 1) }, "PAYLOAD_TOO_LARGE");
  });

  it("refuses text over the character limit with 413, and accepts it at the limit", async () => {
    const paragraph = `${"word ".repeat(99)}word`;
    const atLimit = Array.from({ length: 2000 }, () => paragraph)
      .join("\n\n")
      .slice(0, MAX_TEXT_CHARS)
      .trimEnd();
    const padded = atLimit + "z".repeat(MAX_TEXT_CHARS - atLimit.length);
    expect((await parseArticleUpload({ text: padded })).text.length).toBe(MAX_TEXT_CHARS);
    await expectAppError({ text: `${padded}z` }, "PAYLOAD_TOO_LARGE", /1,000,000 characters/);
  });

  it("refuses an upload with no text", async () => {
    for (const input of [
      file("e.txt", new Uint8Array(0)),
      file("e.txt", utf8(" \n\n\t")),
      file("e.html", utf8("<script>x</script><img src=x>")),
    ]) {
      await expectAppError(input, "UNPROCESSABLE", /no text/);
    }
  });
});
