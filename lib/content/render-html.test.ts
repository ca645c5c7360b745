import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { renderArticleHtml } from "./render-html";

const doc = (...content: JSONContent[]): JSONContent => ({
  type: "doc",
  content,
});
const p = (...content: JSONContent[]): JSONContent => ({
  type: "paragraph",
  content,
});
const text = (value: string, marks?: JSONContent["marks"]): JSONContent => ({
  type: "text",
  text: value,
  ...(marks ? { marks } : {}),
});
const TRAILING = '<br class="ProseMirror-trailingBreak"/>';

describe("renderArticleHtml", () => {
  it("renders paragraphs, hard breaks and typed whitespace as is", () => {
    expect(renderArticleHtml(doc(p(text("  two  spaces")), p(text("a"), { type: "hardBreak" }, text("b"))))).toBe(
      "<p>  two  spaces</p><p>a<br/>b</p>",
    );
  });

  it("adds ProseMirror's trailing break where the editor would", () => {
    expect(renderArticleHtml(doc(p()))).toBe(`<p>${TRAILING}</p>`);
    expect(renderArticleHtml(doc(p(text("a"), { type: "hardBreak" })))).toBe(`<p>a<br/>${TRAILING}</p>`);
    expect(
      renderArticleHtml(
        doc(
          p(text("a", [{ type: "bold" }]), {
            type: "hardBreak",
            marks: [{ type: "bold" }],
          }),
        ),
      ),
    ).toBe(`<p><strong>a<br/></strong>${TRAILING}</p>`);
    expect(renderArticleHtml(doc({ type: "codeBlock", content: [text("x\n")] }))).toBe(
      `<pre><code>x\n${TRAILING}</code></pre>`,
    );
    expect(
      renderArticleHtml(
        doc({
          type: "bulletList",
          content: [{ type: "listItem", content: [p()] }],
        }),
      ),
    ).toBe(`<ul><li><p>${TRAILING}</p></li></ul>`);
  });

  it("escapes text and attribute values", () => {
    const html = renderArticleHtml(
      doc(
        p(
          text('<script>alert(1)</script> & "q"', [
            {
              type: "link",
              attrs: {
                href: 'https://e.example/?a="><script>',
                title: '"><img src=x onerror=alert(1)>',
              },
            },
          ]),
        ),
      ),
    );
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;");
    expect(html).toContain('href="https://e.example/?a=&quot;&gt;&lt;script&gt;"');
  });

  it("drops links that sanitizing would drop", () => {
    const html = renderArticleHtml(
      doc(
        p(
          text("x", [
            {
              type: "link",
              attrs: {
                href: "javascript:alert(1)",
                target: "_blank",
                class: "c",
              },
            },
          ]),
        ),
      ),
    );
    expect(html).toBe("<p>x</p>");
  });

  it("refuses content that is not an article document", () => {
    expect(() => renderArticleHtml({ type: "doc", content: [{ type: "iframe" }] })).toThrow(AppError);
  });
});
