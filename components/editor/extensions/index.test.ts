import { Editor, getSchema, type JSONContent } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";
import { articleExtensions, isAllowedHref } from "./index";

const paragraph = (text: string): JSONContent => ({
  type: "paragraph",
  content: [{ type: "text", text }],
});
const docOf = (...content: JSONContent[]): JSONContent => ({
  type: "doc",
  content,
});

let editor: Editor | undefined;
afterEach(() => editor?.destroy());

/** A headless editor (no DOM in this environment), as the server could build. */
function makeEditor(content: JSONContent, editable = true): Editor {
  editor = new Editor({ extensions: articleExtensions, content, editable });
  return editor;
}

describe("articleExtensions", () => {
  it("builds the article schema in Node without a DOM", () => {
    expect(typeof document).toBe("undefined");
    const schema = getSchema(articleExtensions);
    expect(Object.keys(schema.nodes).sort()).toEqual(
      [
        "blockquote",
        "bulletList",
        "codeBlock",
        "doc",
        "hardBreak",
        "heading",
        "horizontalRule",
        "listItem",
        "orderedList",
        "paragraph",
        "text",
      ].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(["bold", "code", "italic", "link", "strike", "underline"]);
    expect(schema.marks.link.spec.attrs?.rel?.default).toBe("noopener noreferrer nofollow");
    expect(schema.marks.link.spec.attrs?.target?.default).toBeNull();
  });

  it("offers heading levels 1 to 4 only", () => {
    const e = makeEditor(docOf(paragraph("Title")));
    e.commands.setTextSelection(1);
    expect(e.commands.setHeading({ level: 5 as 4 })).toBe(false);
    expect(e.commands.setHeading({ level: 4 })).toBe(true);
    expect(e.getJSON().content?.[0]).toMatchObject({
      type: "heading",
      attrs: { level: 4 },
    });
  });

  it("sets http, https and mailto links and refuses every other scheme", () => {
    const e = makeEditor(docOf(paragraph("link text")));
    for (const href of [
      "javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      "data:text/html,x",
      "vbscript:x",
      "ftp://example.org",
      "tel:1",
      "/relative",
    ]) {
      e.commands.setTextSelection({ from: 1, to: 5 });
      expect(e.commands.setLink({ href }), href).toBe(false);
    }
    for (const href of ["https://example.org", "http://example.org", "mailto:a@example.org"]) {
      e.commands.setTextSelection({ from: 1, to: 5 });
      expect(e.commands.setLink({ href }), href).toBe(true);
    }
    expect(e.getJSON().content?.[0].content?.[0].marks).toEqual([
      {
        type: "link",
        attrs: {
          href: "mailto:a@example.org",
          target: null,
          rel: "noopener noreferrer nofollow",
          class: null,
          title: null,
        },
      },
    ]);
  });
});

describe("isAllowedHref", () => {
  it("accepts absolute http, https and mailto URLs only", () => {
    expect(["https://x.example/a b", "HTTP://X.EXAMPLE", "mailto:x@y.example"].every(isAllowedHref)).toBe(true);
    const refused = [
      "javascript:alert(1)",
      " javascript:alert(1)",
      "java\nscript:alert(1)",
      "\u0000javascript:x",
      "data:,x",
      "//x.example",
      "x",
      "",
      null,
      undefined,
      1,
    ];
    expect(refused.filter((href) => isAllowedHref(href))).toEqual([]);
    expect(isAllowedHref(`https://x.example/${"a".repeat(3000)}`)).toBe(false);
  });
});
