import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { bookmarkletCode } from "./capture-tools";

describe("the bookmarklet", () => {
  it("opens the capture page with the page's address and the selected text", () => {
    const dom = new JSDOM("<!doctype html><p>The council voted to close the harbour.</p>", {
      url: "https://news.example/story?id=7&lang=en",
      runScripts: "outside-only",
    });
    const opened: string[] = [];
    dom.window.open = ((url: string) => (opened.push(url), null)) as typeof dom.window.open;
    const text = dom.window.document.querySelector("p")!.firstChild!;
    const range = dom.window.document.createRange();
    range.setStart(text, 4);
    range.setEnd(text, 24);
    dom.window.getSelection()!.addRange(range);

    const code = bookmarkletCode("https://marginalia.example");
    expect(code.startsWith("javascript:")).toBe(true);
    dom.window.eval(decodeURIComponent(code.slice("javascript:".length)));
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0]);
    expect(url.origin + url.pathname).toBe("https://marginalia.example/capture");
    expect(url.searchParams.get("url")).toBe("https://news.example/story?id=7&lang=en");
    expect(url.searchParams.get("selection")).toBe("council voted to clo");
  });

  it("sends no selection when nothing is selected", () => {
    const dom = new JSDOM("<p>Text</p>", { url: "https://news.example/", runScripts: "outside-only" });
    const opened: string[] = [];
    dom.window.open = ((url: string) => (opened.push(url), null)) as typeof dom.window.open;
    dom.window.eval(bookmarkletCode("https://marginalia.example").slice("javascript:".length));
    expect(new URL(opened[0]).searchParams.has("selection")).toBe(false);
  });
});
