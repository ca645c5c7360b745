// @vitest-environment jsdom
import type { Editor, JSONContent } from "@tiptap/core";
import { act, createElement } from "react";
import { hydrateRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderArticleHtml } from "@/lib/content/render-html";
import { ArticleReader } from "./article-reader";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const text = (value: string, marks?: JSONContent["marks"]): JSONContent => ({
  type: "text",
  text: value,
  ...(marks ? { marks } : {}),
});
const p = (...content: JSONContent[]): JSONContent => ({
  type: "paragraph",
  content,
});

/** Every node and mark of the schema, including the cases ProseMirror patches up. */
const CONTENT: JSONContent = {
  type: "doc",
  content: [
    {
      type: "heading",
      attrs: { level: 1 },
      content: [text("Afghan Resistance 🇦🇫")],
    },
    p(
      text("  Typed  spaces, "),
      text("bold", [{ type: "bold" }]),
      text(" "),
      text("italic", [{ type: "italic" }]),
      text(" and "),
      text("a link", [{ type: "link", attrs: { href: "https://example.org" } }]),
    ),
    p(text("line"), { type: "hardBreak" }, text("break"), {
      type: "hardBreak",
    }),
    p(),
    {
      type: "bulletList",
      content: [
        { type: "listItem", content: [p(text("one"))] },
        { type: "listItem", content: [p(text("two"))] },
      ],
    },
    {
      type: "orderedList",
      attrs: { start: 3 },
      content: [{ type: "listItem", content: [p(text("three"))] }],
    },
    {
      type: "blockquote",
      content: [p(text("quoted"), text(" code", [{ type: "code" }]))],
    },
    {
      type: "codeBlock",
      attrs: { language: "ts" },
      content: [text("const a = 1;\n")],
    },
    { type: "horizontalRule" },
    p(text("سلام دنیا"), text(" strike", [{ type: "strike" }]), text(" under", [{ type: "underline" }])),
  ],
};

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = "";
});

describe("ArticleReader", () => {
  it("server-renders the article text inside the test id container", () => {
    const html = renderToString(createElement(ArticleReader, { content: CONTENT }));
    const container = document.createElement("div");
    container.innerHTML = html;
    const body = container.querySelector('[data-testid="article-body"]');
    expect(body?.querySelector(".ProseMirror h1")?.textContent).toBe("Afghan Resistance 🇦🇫");
    expect(body?.textContent).toContain("  Typed  spaces, bold italic and a link");
  });

  it("hydrates without mismatch and swaps to the editor with identical markup", async () => {
    const element = createElement(ArticleReader, { content: CONTENT });
    const container = document.createElement("div");
    container.innerHTML = renderToString(element);
    document.body.append(container);
    const serverBody = container.querySelector('[data-testid="article-body"]')!.outerHTML;

    const onRecoverableError = vi.fn();
    await act(async () => {
      root = hydrateRoot(container, element, { onRecoverableError });
    });
    expect(onRecoverableError).not.toHaveBeenCalled();

    const roots = container.querySelectorAll(".ProseMirror");
    expect(roots).toHaveLength(1);
    const live = roots[0] as HTMLElement;
    expect(live.getAttribute("contenteditable")).toBe("false");
    // The same DOM as the server's markup (which spells void elements `<br/>`).
    const parsed = document.createElement("div");
    parsed.innerHTML = renderArticleHtml(CONTENT);
    expect(live.innerHTML).toBe(parsed.innerHTML);
    // Same wrappers with the same attributes, bar ProseMirror's own contenteditable.
    const chain = (body: Element) => {
      const out: string[] = [];
      for (let el: Element | null = body; el && !el.matches("h1"); el = el.firstElementChild) {
        const attrs = Array.from(el.attributes, (a) => `${a.name}=${a.value}`).filter(
          (a) => !a.startsWith("contenteditable="),
        );
        out.push(`${el.tagName} ${attrs.sort().join(" ")}`);
      }
      return out;
    };
    const server = document.createElement("div");
    server.innerHTML = serverBody;
    expect(chain(container.querySelector('[data-testid="article-body"]')!)).toEqual(chain(server.firstElementChild!));
  });

  it("shows a new revision when the content prop changes", async () => {
    const container = document.createElement("div");
    document.body.append(container);
    const first: JSONContent = { type: "doc", content: [p(text("first"))] };
    const second: JSONContent = { type: "doc", content: [p(text("second"))] };
    const { createRoot } = await import("react-dom/client");
    root = createRoot(container);
    await act(async () =>
      root!.render(
        createElement(ArticleReader, {
          content: first,
        }),
      ),
    );
    expect(container.querySelector(".ProseMirror")?.textContent).toBe("first");
    await act(async () =>
      root!.render(
        createElement(ArticleReader, {
          content: second,
        }),
      ),
    );
    expect(container.querySelector(".ProseMirror")?.textContent).toBe("second");
  });

  it("keeps its document, and what plugins drew on it, when a refresh sends equal content", async () => {
    const container = document.createElement("div");
    document.body.append(container);
    const content: JSONContent = { type: "doc", content: [p(text("same text"))] };
    const { createRoot } = await import("react-dom/client");
    root = createRoot(container);
    let editor: Editor | null = null;
    const onEditor = (e: Editor | null) => {
      editor = e;
    };
    await act(async () => root!.render(createElement(ArticleReader, { content, onEditor })));
    const doc = editor!.state.doc;
    await act(async () => root!.render(createElement(ArticleReader, { content: structuredClone(content), onEditor })));
    expect(editor!.state.doc).toBe(doc);
  });
});
