import { describe, expect, it } from "vitest";
import { canonicalText } from "@/lib/anchoring";
import { contentFromHtml, titleFromHtml } from "./html";
import { renderArticleHtml } from "./render-html";
import { FORBIDDEN, XSS_CORPUS } from "./xss-corpus.fixture";

const assertClean = (out: string) => {
  for (const pattern of FORBIDDEN) expect(out, `${pattern} in ${out}`).not.toMatch(pattern);
};

describe("contentFromHtml", () => {
  it.each(XSS_CORPUS)("leaves nothing executable of %s", (payload) => {
    const content = contentFromHtml(`<p>before</p>${payload}<p>after</p>`);
    assertClean(JSON.stringify(content));
    assertClean(renderArticleHtml(content));
    // Unclosed raw-text payloads may swallow what follows; what precedes stays.
    expect(canonicalText(content).startsWith("before")).toBe(true);
  });

  it("leaves nothing executable of the whole corpus at once", () => {
    const content = contentFromHtml(XSS_CORPUS.join("\n"));
    assertClean(JSON.stringify(content));
    assertClean(renderArticleHtml(content));
  });

  it("keeps the text of links it refuses", () => {
    const content = contentFromHtml(
      '<p><a href="javascript:alert(1)">js link</a> and <a href="/relative">relative</a></p>',
    );
    expect(content).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [{ type: "text", text: "js link and relative" }],
        },
      ],
    });
  });

  it("keeps headings, lists, quotes, code, links and inline formatting", () => {
    const html = `
      <h1>Title</h1>
      <h2>Sub</h2>
      <h5>Deep heading</h5>
      <p>Plain <strong>bold</strong> <em>italic</em> <s>struck</s> <u>under</u> <code>code()</code>
         <a href="https://example.org/a?b=1" target="_blank" rel="opener" class="x">link</a>
         <a href="mailto:desk@example.org">mail</a><br>next line</p>
      <ul><li>one</li><li><p>two</p><ol start="3"><li>nested</li></ol></li></ul>
      <blockquote><p>quoted</p></blockquote>
      <pre><code class="language-python">def f():\n    return  1</code></pre>
      <hr>`;
    const content = contentFromHtml(html);
    expect(canonicalText(content)).toBe(
      "Title\n\nSub\n\nDeep heading\n\nPlain bold italic struck under code() link mail\nnext line\n\none\n\ntwo\n\nnested\n\nquoted\n\ndef f():\n    return  1",
    );
    const rendered = renderArticleHtml(content);
    expect(rendered).toContain("<h1>Title</h1>");
    expect(rendered).toContain("<h2>Sub</h2>");
    expect(rendered).toContain("<h4>Deep heading</h4>");
    expect(rendered).toContain("<strong>bold</strong>");
    expect(rendered).toContain("<em>italic</em>");
    expect(rendered).toContain("<s>struck</s>");
    expect(rendered).toContain("<u>under</u>");
    expect(rendered).toContain("<code>code()</code>");
    expect(rendered).toContain('<a rel="noopener noreferrer nofollow" href="https://example.org/a?b=1">link</a>');
    expect(rendered).toContain('<a rel="noopener noreferrer nofollow" href="mailto:desk@example.org">mail</a>');
    expect(rendered).toContain('<ol start="3">');
    expect(rendered).toContain("<blockquote><p>quoted</p></blockquote>");
    expect(rendered).toContain('<pre><code class="language-python">');
    expect(rendered).toContain("<hr/>");
    expect(rendered).not.toContain("target=");
    expect(rendered).not.toContain('class="x"');
  });

  it("reads each table cell as its own block", () => {
    const content = contentFromHtml(
      "<table><thead><tr><th>Name</th><th>Role</th></tr></thead><tbody><tr><td>Saleh</td><td>VP</td></tr></tbody></table>",
    );
    expect(canonicalText(content)).toBe("Name\n\nRole\n\nSaleh\n\nVP");
  });

  it("keeps the content of a page wrapped in a form", () => {
    expect(canonicalText(contentFromHtml('<form id="aspnetForm"><p>The article.</p><input value="x"></form>'))).toBe(
      "The article.",
    );
  });

  it("collapses markup whitespace as a browser does but keeps non-breaking spaces and astral text", () => {
    const content = contentFromHtml("<p>  a \n  b\u00a0\u00a0c 🇦🇫 👩‍👩‍👧 </p>");
    expect(canonicalText(content)).toBe("a b\u00a0\u00a0c 🇦🇫 👩‍👩‍👧");
  });

  it("gives an empty paragraph for empty or fully hostile input", () => {
    for (const html of ["", "<script>alert(1)</script>", "<style>p{}</style>"]) {
      expect(contentFromHtml(html)).toEqual({
        type: "doc",
        content: [{ type: "paragraph" }],
      });
    }
  });

  it("refuses hostile nesting quickly, before parsing it", () => {
    for (const tag of ["blockquote", "div", "span", "b"]) {
      const html = `<${tag}>`.repeat(50_000) + "deep";
      const started = performance.now();
      expect(() => contentFromHtml(html)).toThrow(/nested too deeply/);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });

  it("accepts ordinary sloppy HTML with many unclosed paragraphs and list items", () => {
    const html = "<ul>" + "<li>item".repeat(2_000) + "</ul>" + "<p>para".repeat(2_000);
    expect(canonicalText(contentFromHtml(html)).split("\n\n")).toHaveLength(4_000);
  });

  it("installs no DOM globals", () => {
    contentFromHtml("<p>x</p>");
    titleFromHtml("<title>x</title>");
    renderArticleHtml({ type: "doc", content: [{ type: "paragraph" }] });
    expect("window" in globalThis).toBe(false);
    expect("document" in globalThis).toBe(false);
  });
});

describe("titleFromHtml", () => {
  it("reads <title>, whitespace collapsed and entities decoded", () => {
    expect(
      titleFromHtml(
        "<html><head><title>\n  Afghan   Resistance &amp; Exile </title></head><body><h1>Other</h1></body></html>",
      ),
    ).toBe("Afghan Resistance & Exile");
    expect(titleFromHtml("<TITLE lang=en>Upper</TITLE>")).toBe("Upper");
    expect(titleFromHtml("<title> </title><h1>no title</h1>")).toBeNull();
    expect(titleFromHtml("<p>none</p>")).toBeNull();
  });

  it("runs nothing while reading the title", () => {
    expect(
      titleFromHtml(
        '<title>T<img src=x onerror="globalThis.__pwned = 1"></title><script>globalThis.__pwned = 1</script>',
      ),
    ).toBe('T<img src=x onerror="globalThis.__pwned = 1">');
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
  });
});
