import { describe, expect, it } from "vitest";
import type { JSONContent } from "@tiptap/core";
import { AppError } from "@/lib/errors";
import { MAX_CONTENT_DEPTH, sanitizeContent } from "./sanitize-content";

const doc = (...content: JSONContent[]): JSONContent => ({
  type: "doc",
  content,
});
const p = (...content: JSONContent[]): JSONContent => ({
  type: "paragraph",
  content,
});
const linked = (href: unknown, attrs: Record<string, unknown> = {}): JSONContent =>
  doc(
    p({
      type: "text",
      text: "x",
      marks: [{ type: "link", attrs: { href, ...attrs } }],
    }),
  );

function expectUnprocessable(value: unknown) {
  try {
    sanitizeContent(value);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("UNPROCESSABLE");
    return;
  }
  throw new Error("expected sanitizeContent to refuse the content");
}

describe("sanitizeContent", () => {
  it("keeps valid content, filling in schema defaults", () => {
    const out = sanitizeContent(
      doc({
        type: "heading",
        attrs: { level: 2 },
        content: [{ type: "text", text: "T" }],
      }),
    );
    expect(out).toEqual(
      doc({
        type: "heading",
        attrs: { level: 2 },
        content: [{ type: "text", text: "T" }],
      }),
    );
  });

  it("keeps http, https and mailto links and forces rel, target and class to the defaults", () => {
    for (const href of ["https://example.org/a?b=c#d", "http://example.org", "mailto:desk@example.org"]) {
      const out = sanitizeContent(
        linked(href, {
          target: "_self",
          rel: "opener",
          class: "evil",
          title: "T",
          onclick: "alert(1)",
        }),
      );
      expect(out.content?.[0].content?.[0].marks).toEqual([
        {
          type: "link",
          attrs: {
            href,
            target: null,
            rel: "noopener noreferrer nofollow",
            class: null,
            title: "T",
          },
        },
      ]);
    }
  });

  it("drops link marks with any other target, keeping their text", () => {
    const refused = [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "\u0001javascript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html,<script>alert(1)</script>",
      "ftp://example.org",
      "tel:+123",
      "/relative",
      "#fragment",
      "",
      null,
      42,
    ];
    for (const href of refused) {
      expect(sanitizeContent(linked(href))).toEqual(doc(p({ type: "text", text: "x" })));
    }
  });

  it("strips attributes and keys the schema does not know", () => {
    const out = sanitizeContent({
      type: "doc",
      extra: "x",
      content: [
        {
          type: "paragraph",
          attrs: { style: "color:red", onclick: "alert(1)" },
          content: [{ type: "text", text: "a", foo: 1 }],
        },
      ],
    });
    expect(out).toEqual(doc(p({ type: "text", text: "a" })));
  });

  it("bounds attribute values", () => {
    const out = sanitizeContent(
      doc(
        {
          type: "heading",
          attrs: { level: 6 },
          content: [{ type: "text", text: "h" }],
        },
        {
          type: "heading",
          attrs: { level: "x" },
          content: [{ type: "text", text: "h" }],
        },
        {
          type: "orderedList",
          attrs: { start: -5, type: "<script>" },
          content: [{ type: "listItem", content: [p({ type: "text", text: "i" })] }],
        },
        {
          type: "codeBlock",
          attrs: { language: 'js" onload="x' },
          content: [{ type: "text", text: "c" }],
        },
        {
          type: "codeBlock",
          attrs: { language: "typescript" },
          content: [{ type: "text", text: "c" }],
        },
      ),
    );
    expect(out.content?.map((n) => n.attrs)).toEqual([
      { level: 4 },
      { level: 1 },
      { start: 1, type: null },
      { language: null },
      { language: "typescript" },
    ]);
  });

  it("normalizes text: LF line endings, no NUL, no lone surrogates, no empty text nodes", () => {
    const out = sanitizeContent(
      doc(
        {
          type: "codeBlock",
          content: [{ type: "text", text: "a\r\nb\0\ud800" }],
        },
        p({ type: "text", text: "" }, { type: "text", text: "ok" }),
      ),
    );
    expect(out.content?.[0].content?.[0].text).toBe("a\nb\ufffd");
    expect(out.content?.[1]).toEqual(p({ type: "text", text: "ok" }));
  });

  it("merges adjacent text nodes with the same marks", () => {
    expect(sanitizeContent(doc(p({ type: "text", text: "a" }, { type: "text", text: "b" })))).toEqual(
      doc(p({ type: "text", text: "ab" })),
    );
  });

  it("refuses what is not an article document", () => {
    expectUnprocessable(null);
    expectUnprocessable("text");
    expectUnprocessable({ type: "paragraph" });
    expectUnprocessable(doc({ type: "image", attrs: { src: "x" } }));
    expectUnprocessable(doc(p({ type: "text", text: "a", marks: [{ type: "highlight" }] })));
    expectUnprocessable(doc({ type: "text", text: "bare text in doc" }));
    expectUnprocessable(doc({ type: "listItem", content: [p()] }));
    expectUnprocessable(doc(p({ type: "text" })));
    expectUnprocessable({ type: "doc", content: "nope" });
    expectUnprocessable(
      doc({
        type: "codeBlock",
        content: [{ type: "text", text: "a", marks: [{ type: "bold" }] }],
      }),
    );
  });

  it("refuses content nested deeper than the limit without overflowing the stack", () => {
    let node: JSONContent = p({ type: "text", text: "deep" });
    for (let i = 0; i < MAX_CONTENT_DEPTH + 1; i++) node = { type: "blockquote", content: [node] };
    expectUnprocessable(doc(node));
    let deeper: JSONContent = p();
    for (let i = 0; i < 100_000; i++) deeper = { type: "blockquote", content: [deeper] };
    expectUnprocessable(doc(deeper));
  });
});

describe("sanitizeContent's output", () => {
  it("is plain JSON objects throughout (it is passed to client components)", () => {
    const out = sanitizeContent({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "T" }] },
        {
          type: "paragraph",
          content: [{ type: "text", text: "l", marks: [{ type: "link", attrs: { href: "https://e.org" } }] }],
        },
      ],
    });
    const prototypes = new Set<unknown>();
    const visit = (value: unknown) => {
      if (value === null || typeof value !== "object") return;
      prototypes.add(Object.getPrototypeOf(value));
      Object.values(value).forEach(visit);
    };
    visit(out);
    expect([...prototypes].every((p) => p === Object.prototype || p === Array.prototype)).toBe(true);
  });
});
