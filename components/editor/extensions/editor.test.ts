// @vitest-environment jsdom
import { Editor, type JSONContent } from "@tiptap/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { articleExtensions } from "./index";

const paragraph = (text: string): JSONContent => ({
  type: "paragraph",
  content: [{ type: "text", text }],
});
const docOf = (...content: JSONContent[]): JSONContent => ({
  type: "doc",
  content,
});

let editor: Editor | undefined;
afterEach(() => {
  editor?.destroy();
  document.body.innerHTML = "";
});

/** A real editor mounted in a DOM, so its ProseMirror plugins run. */
function mountEditor(content: JSONContent, editable = true): Editor {
  const element = document.createElement("div");
  document.body.append(element);
  editor = new Editor({
    element,
    extensions: articleExtensions,
    content,
    editable,
    injectCSS: false,
  });
  return editor;
}

describe("articleExtensions in a mounted editor", () => {
  it("does not autolink typed URLs", () => {
    const e = mountEditor(docOf({ type: "paragraph" }));
    e.view.dispatch(e.state.tr.insertText("see https://example.org", 1));
    e.view.dispatch(e.state.tr.insertText(" ", e.state.doc.content.size - 1));
    expect(e.getText()).toBe("see https://example.org ");
    expect(JSON.stringify(e.getJSON())).not.toContain('"link"');
  });

  it("never appends a trailing paragraph to the stored document", () => {
    const content = docOf(paragraph("a"), {
      type: "bulletList",
      content: [{ type: "listItem", content: [paragraph("b")] }],
    });
    const e = mountEditor(content, false);
    e.view.dispatch(e.state.tr.setMeta("decorations-changed", true));
    expect(e.getJSON()).toEqual(content);
  });

  it("keeps undo and redo for editing", () => {
    const e = mountEditor(docOf(paragraph("a")));
    e.view.dispatch(e.state.tr.insertText("b", 2));
    expect(e.getText()).toBe("ab");
    expect(e.commands.undo()).toBe(true);
    expect(e.getText()).toBe("a");
    expect(e.commands.redo()).toBe(true);
    expect(e.getText()).toBe("ab");
  });

  it("renders links without target and does not open them on click while editing", () => {
    const open = vi.spyOn(window, "open").mockImplementation(() => null);
    const e = mountEditor(
      docOf({
        type: "paragraph",
        content: [
          {
            type: "text",
            text: "go",
            marks: [{ type: "link", attrs: { href: "https://example.org" } }],
          },
        ],
      }),
    );
    const anchor = e.view.dom.querySelector("a");
    expect(anchor?.getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expect(anchor?.hasAttribute("target")).toBe(false);
    const event = new MouseEvent("click", {
      bubbles: true,
      cancelable: true,
      button: 0,
    });
    anchor?.dispatchEvent(event); // sets event.target
    const handled = e.view.someProp("handleClick", (handleClick) => handleClick(e.view, 2, event));
    expect(handled).toBeFalsy();
    expect(open).not.toHaveBeenCalled();
    open.mockRestore();
  });
});
