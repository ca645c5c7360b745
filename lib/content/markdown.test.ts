import { describe, expect, it } from "vitest";
import { canonicalText } from "@/lib/anchoring";
import { contentFromMarkdown } from "./markdown";
import { renderArticleHtml } from "./render-html";
import { FORBIDDEN, XSS_CORPUS } from "./xss-corpus.fixture";

describe("contentFromMarkdown", () => {
  it("converts GitHub-flavoured Markdown to article content", () => {
    const md = [
      "# Title",
      "",
      "Some **bold**, *italic*, ~~struck~~ and `code`, a [link](https://example.org) and <https://auto.example>.",
      "Soft-wrapped line.",
      "",
      "- one",
      "- two",
      "  1. nested",
      "",
      "> quoted",
      "",
      "```ts",
      "const a = 1;",
      "```",
    ].join("\r\n");
    const content = contentFromMarkdown(md);
    expect(canonicalText(content)).toBe(
      "Title\n\nSome bold, italic, struck and code, a link and https://auto.example. Soft-wrapped line.\n\none\n\ntwo\n\nnested\n\nquoted\n\nconst a = 1;",
    );
    const html = renderArticleHtml(content);
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain('<a rel="noopener noreferrer nofollow" href="https://example.org">link</a>');
    expect(html).toContain('<pre><code class="language-ts">const a = 1;</code></pre>');
  });

  it("refuses Markdown nested past the parser's limits", () => {
    for (const md of [">".repeat(20_000) + " deep", "- ".repeat(20_000) + "deep"]) {
      expect(() => contentFromMarkdown(md)).toThrow(/nested too deeply/);
    }
  });

  it("sanitizes raw HTML and hostile links in Markdown", () => {
    const md = [
      "kept text",
      "[click](javascript:alert(1))",
      "[data](data:text/html;base64,PHNjcmlwdD4=)",
      "![img](https://example.org/x.png)",
      "<a href='javascript:alert(1)'>raw</a>",
      ...XSS_CORPUS,
    ].join("\n\n");
    const content = contentFromMarkdown(md);
    for (const out of [JSON.stringify(content), renderArticleHtml(content)]) {
      for (const pattern of FORBIDDEN) expect(out).not.toMatch(pattern);
    }
    expect(canonicalText(content)).toContain("kept text");
    expect(canonicalText(content)).toContain("click");
  });
});
