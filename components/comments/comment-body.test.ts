// @vitest-environment jsdom
import { Editor, type JSONContent } from "@tiptap/core";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { commentExtensions } from "@/lib/comments/comment-extensions";
import { CommentBody } from "./comment-body";
import { cleanCommentBody, commentBodyText, hasUnlinkedMention, isEmptyCommentBody } from "./comment-document";

function render(body: JSONContent): HTMLElement {
  const host = document.createElement("div");
  host.innerHTML = renderToStaticMarkup(createElement(CommentBody, { body }));
  return host;
}

const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });
const text = (value: string, marks?: JSONContent["marks"]): JSONContent => ({ type: "text", text: value, marks });

describe("CommentBody", () => {
  it("renders markup-looking text as text", () => {
    const payloads = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      "<svg onload=alert(1)>",
      "{{constructor.constructor('alert(1)')()}}",
      "[click](javascript:alert(1))",
      "\u202Egnp.exe",
    ];
    for (const payload of payloads) {
      const host = render(doc(paragraph(text(payload))));
      expect(host.textContent).toBe(payload);
      expect(host.querySelector("script, img, svg, iframe")).toBeNull();
      expect([...host.querySelectorAll("*")].flatMap((el) => el.getAttributeNames())).not.toContainEqual(
        expect.stringMatching(/^on/i),
      );
    }
  });

  it("drops links to anything but http(s) and mailto, and forces rel and target", () => {
    const host = render(
      doc(
        paragraph(
          text("bad", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]),
          text(" data", [{ type: "link", attrs: { href: "data:text/html,<script>alert(1)</script>" } }]),
          text(" tab", [{ type: "link", attrs: { href: "java\tscript:alert(1)" } }]),
          text(" good", [
            { type: "link", attrs: { href: "https://example.org/", rel: "opener", target: "_self", class: "button" } },
          ]),
        ),
      ),
    );
    const links = host.querySelectorAll("a");
    expect(links).toHaveLength(1);
    expect(links[0].getAttribute("href")).toBe("https://example.org/");
    expect(links[0].getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expect(links[0].getAttribute("target")).toBe("_blank");
    expect(links[0].getAttribute("class")).toBeNull();
    expect(host.textContent).toBe("bad data tab good");
  });

  it("renders marks, lists and mentions with the comment schema", () => {
    const host = render(
      doc(
        paragraph(
          text("Ask "),
          { type: "mention", attrs: { id: "u1", label: "Ana <b>Silva</b>", onclick: "x" } },
          text(" about "),
          text("this", [{ type: "bold" }, { type: "italic" }]),
          text(" and "),
          text("x = 1", [{ type: "code" }]),
        ),
        { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("one"))] }] },
      ),
    );
    const mention = host.querySelector("span.mention")!;
    expect(mention.textContent).toBe("@Ana <b>Silva</b>");
    expect(mention.getAttribute("data-id")).toBe("u1");
    expect(mention.hasAttribute("onclick")).toBe(false);
    expect(host.querySelector("strong em, em strong")?.textContent).toBe("this");
    expect(host.querySelector("code")?.textContent).toBe("x = 1");
    expect(host.querySelector("ul li p")?.textContent).toBe("one");
    expect(host.querySelector("img")).toBeNull();
  });

  it("shows a body the schema rejects as plain text", () => {
    const host = render(doc({ type: "iframe", content: [text("<iframe src=x>")] } as JSONContent));
    expect(host.querySelector("iframe")).toBeNull();
    expect(host.textContent).toBe("<iframe src=x>");
  });

  it("renders what the comment editor produces from pasted HTML, without anything outside the schema", () => {
    const element = document.createElement("div");
    const editor = new Editor({ element, extensions: commentExtensions });
    editor.commands.setContent(
      '<h1 onclick="x">Title</h1><script>alert(1)</script><p style="color:red">Hi <a href="javascript:alert(1)">x</a> <a href="https://ok.example/" class="button">ok</a><img src=x onerror=alert(1)></p><table><tr><td>cell</td></tr></table>',
    );
    const json = editor.getJSON();
    editor.destroy();
    const host = render(json);
    expect(host.querySelector("h1, script, img, table, [style], [onclick]")).toBeNull();
    expect([...host.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual(["https://ok.example/"]);
    expect(host.textContent).toContain("Title");
    expect(host.textContent).toContain("cell");
  });
});

describe("comment body helpers", () => {
  it("keeps only meaningful attributes", () => {
    expect(
      cleanCommentBody(
        doc(paragraph(text("x", [{ type: "link", attrs: { href: "https://a.example/", rel: "opener" } }]))),
      ),
    ).toEqual(doc(paragraph(text("x", [{ type: "link", attrs: { href: "https://a.example/" } }]))));
  });

  it("extracts text and tells empty bodies", () => {
    const body = doc(
      paragraph(text("Hi "), { type: "mention", attrs: { id: "u1", label: "Ana" } }),
      paragraph(text("bye")),
    );
    expect(commentBodyText(body)).toBe("Hi @Ana\nbye");
    expect(isEmptyCommentBody(doc(paragraph()))).toBe(true);
    expect(isEmptyCommentBody(doc(paragraph(text("  "))))).toBe(true);
    expect(isEmptyCommentBody(body)).toBe(false);
  });
});

describe("hasUnlinkedMention", () => {
  const doc = (...content: JSONContent[]) => ({ type: "doc", content: [{ type: "paragraph", content }] });
  it("finds an @name left as plain text, not a mention node, an email or code", () => {
    expect(hasUnlinkedMention(doc({ type: "text", text: "Ask @Ben about it" }))).toBe(true);
    expect(hasUnlinkedMention(doc({ type: "text", text: "@ana" }))).toBe(true);
    expect(hasUnlinkedMention(doc({ type: "mention", attrs: { id: "u1", label: "Ben" } }))).toBe(false);
    expect(hasUnlinkedMention(doc({ type: "text", text: "mail ben@example.org" }))).toBe(false);
    expect(hasUnlinkedMention(doc({ type: "text", text: "@ben", marks: [{ type: "code" }] }))).toBe(false);
    expect(hasUnlinkedMention(doc({ type: "text", text: "an @ alone" }))).toBe(false);
  });
});
