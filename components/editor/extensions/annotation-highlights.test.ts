// @vitest-environment jsdom
import { Editor, type JSONContent } from "@tiptap/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { canonicalTextMapOfNode, textRangeToPosRange } from "@/lib/anchoring";
import {
  AnnotationHighlights,
  annotationHighlightsKey,
  createAnnotationDecorations,
  type AnnotationHighlightsOptions,
  type HighlightedAnnotation,
} from "./annotation-highlights";
import { articleExtensions } from "./index";

const paragraph = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });
const docOf = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

// Canonical text: "Alpha beta gamma delta.\n\nSecond 😀 paragraph here."
const CONTENT = docOf(paragraph("Alpha beta gamma delta."), paragraph("Second 😀 paragraph here."));
const TEXT = "Alpha beta gamma delta.\n\nSecond 😀 paragraph here.";

let editor: Editor | undefined;
afterEach(() => {
  editor?.destroy();
  editor = undefined;
  document.body.innerHTML = "";
  vi.useRealTimers();
});

function mount(options: Partial<AnnotationHighlightsOptions> = {}, content = CONTENT, editable = false): Editor {
  const element = document.createElement("div");
  document.body.append(element);
  editor = new Editor({
    element,
    extensions: [...articleExtensions, AnnotationHighlights.configure(options)],
    content,
    editable,
    injectCSS: false,
  });
  return editor;
}

const annotation = (id: string, quote: string, extra: Partial<HighlightedAnnotation> = {}): HighlightedAnnotation => {
  const start = TEXT.indexOf(quote);
  if (start < 0) throw new Error(`not in text: ${quote}`);
  return { id, start, end: start + quote.length, color: "#3b82f6", ...extra };
};

const decorationsOf = (e: Editor) =>
  annotationHighlightsKey
    .getState(e.state)!
    .decorations.find()
    .map((d) => ({ id: d.spec.annotationId as string, from: d.from, to: d.to }))
    .sort((a, b) => a.from - b.from || a.id.localeCompare(b.id));

/** Text of all highlight elements of one annotation, in document order. */
const markedText = (e: Editor, id: string) =>
  [...e.view.dom.querySelectorAll(`mark[data-annotation-id="${id}"]`)].map((m) => m.textContent).join("");

/** Calls the editor's click handlers as ProseMirror would for a click at `pos` on `target`. */
function click(e: Editor, pos: number, target: Element) {
  const event = new MouseEvent("click", { bubbles: true, cancelable: true, button: 0 });
  target.dispatchEvent(event); // sets event.target
  return e.view.someProp("handleClick", (handle) => handle(e.view, pos, event));
}

describe("AnnotationHighlights", () => {
  it("draws one mark per annotation at its canonical range, with its colour and status", () => {
    const e = mount();
    e.commands.setAnnotations([
      annotation("a", "beta gamma"),
      annotation("b", "😀 paragraph", { status: "PROPOSED", color: "rgb(220 38 38)" }),
    ]);
    const map = canonicalTextMapOfNode(e.state.doc);
    expect(decorationsOf(e)).toEqual([
      { id: "a", ...textRangeToPosRange(map, 6, 16) },
      { id: "b", ...textRangeToPosRange(map, 32, 44) },
    ]);
    const marks = e.view.dom.querySelectorAll("mark.annotation-highlight");
    expect(marks).toHaveLength(2);
    expect(markedText(e, "a")).toBe("beta gamma");
    expect(markedText(e, "b")).toBe("😀 paragraph");
    const b = e.view.dom.querySelector('mark[data-annotation-id="b"]') as HTMLElement;
    expect(b.getAttribute("data-status")).toBe("PROPOSED");
    expect(b.style.getPropertyValue("--annotation-color")).toBe("rgb(220 38 38)");
  });

  it("nests overlapping and enclosed highlights as separate elements", () => {
    const e = mount();
    e.commands.setAnnotations([
      annotation("outer", "Alpha beta gamma delta."),
      annotation("left", "beta gamma"),
      annotation("right", "gamma delta"),
    ]);
    expect(markedText(e, "outer")).toBe("Alpha beta gamma delta.");
    expect(markedText(e, "left")).toBe("beta gamma");
    expect(markedText(e, "right")).toBe("gamma delta");
    // "gamma" lies in all three: its text node has three mark ancestors.
    const gamma = [...e.view.dom.querySelectorAll("mark")].find(
      (m) => m.textContent === "gamma" && !m.querySelector("mark"),
    )!;
    const ids: string[] = [];
    for (let m: Element | null = gamma; m; m = m.parentElement?.closest("mark") ?? null) {
      ids.push(m.getAttribute("data-annotation-id")!);
    }
    expect(ids.sort()).toEqual(["left", "outer", "right"]);
    // Nested highlights sit a lane lower than what encloses them.
    const lane = (id: string) =>
      (e.view.dom.querySelector(`mark[data-annotation-id="${id}"]`) as HTMLElement).style.getPropertyValue(
        "--annotation-lane",
      );
    expect([lane("outer"), lane("left"), lane("right")]).toEqual(["0", "1", "2"]);
  });

  it("highlights across paragraphs with one mark per paragraph", () => {
    const e = mount();
    e.commands.setAnnotations([annotation("span", "delta.\n\nSecond")]);
    expect([...e.view.dom.querySelectorAll('mark[data-annotation-id="span"]')].map((m) => m.textContent)).toEqual([
      "delta.",
      "Second",
    ]);
  });

  it("replaces the whole set on setAnnotations, skipping orphans and empty ranges", () => {
    const e = mount();
    e.commands.setAnnotations([annotation("a", "Alpha"), annotation("b", "beta")]);
    e.commands.setAnnotations([
      annotation("c", "gamma"),
      annotation("gone", "delta", { orphaned: true }),
      { id: "empty", start: 3, end: 3, color: "#000" },
      { id: "separator", start: 24, end: 25, color: "#000" },
    ]);
    expect(decorationsOf(e).map((d) => d.id)).toEqual(["c"]);
    expect(e.view.dom.querySelectorAll("mark")).toHaveLength(1);
  });

  it("refuses colours that could break out of the style attribute", () => {
    const e = mount();
    e.commands.setAnnotations([annotation("a", "Alpha", { color: "red; background-image: url(x)" })]);
    const mark = e.view.dom.querySelector("mark") as HTMLElement;
    expect(mark.style.getPropertyValue("--annotation-color")).toBe("#f5c400");
    expect(mark.style.getPropertyValue("background-image")).toBe("");
  });

  it("reports the innermost annotation under a click", () => {
    const onAnnotationClick = vi.fn();
    const e = mount({ onAnnotationClick });
    e.commands.setAnnotations([annotation("outer", "Alpha beta gamma delta."), annotation("inner", "beta")]);
    const inner = e.view.dom.querySelector('mark[data-annotation-id="inner"]')!;
    const map = canonicalTextMapOfNode(e.state.doc);
    const betaPos = textRangeToPosRange(map, 6, 10).from;
    expect(click(e, betaPos + 1, inner)).toBeFalsy();
    expect(onAnnotationClick).toHaveBeenLastCalledWith("inner");

    // Without highlight elements under the pointer, the position decides.
    click(e, betaPos + 1, e.view.dom);
    expect(onAnnotationClick).toHaveBeenLastCalledWith("inner");
    click(e, betaPos - 2, e.view.dom);
    expect(onAnnotationClick).toHaveBeenLastCalledWith("outer");
    onAnnotationClick.mockClear();
    click(e, textRangeToPosRange(map, 30, 31).from, e.view.dom);
    expect(onAnnotationClick).not.toHaveBeenCalled();
  });

  it("reports hovering onto and off annotations", () => {
    const onAnnotationHover = vi.fn();
    const e = mount({ onAnnotationHover });
    e.commands.setAnnotations([annotation("outer", "Alpha beta gamma delta."), annotation("inner", "beta")]);
    const inner = e.view.dom.querySelector('mark[data-annotation-id="inner"]')!;
    inner.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    expect(onAnnotationHover).toHaveBeenLastCalledWith("inner", expect.objectContaining({ width: expect.any(Number) }));
    inner.parentElement!.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    expect(onAnnotationHover).toHaveBeenLastCalledWith("outer", expect.anything());
    e.view.dom.dispatchEvent(new MouseEvent("mouseleave"));
    expect(onAnnotationHover).toHaveBeenLastCalledWith(null, null);
    expect(onAnnotationHover).toHaveBeenCalledTimes(3);
  });

  it("outlines the selected annotation, every piece of it, and only it", () => {
    const e = mount();
    e.commands.setAnnotations([annotation("a", "delta.\n\nSecond"), annotation("b", "Alpha")]);
    e.commands.setSelectedAnnotation("a");
    const selected = () =>
      [...e.view.dom.querySelectorAll("mark.annotation-highlight--selected")].map((m) =>
        m.getAttribute("data-annotation-id"),
      );
    expect(selected()).toEqual(["a", "a"]);
    e.commands.setSelectedAnnotation("b");
    expect(selected()).toEqual(["b"]);
    // The selection survives a new set of annotations.
    e.commands.setAnnotations([annotation("b", "Alpha beta")]);
    expect(selected()).toEqual(["b"]);
    e.commands.setSelectedAnnotation(null);
    expect(selected()).toEqual([]);
  });

  it("flashes an annotation for flashDuration", () => {
    vi.useFakeTimers();
    const e = mount({ flashDuration: 500 });
    e.commands.setAnnotations([annotation("a", "Alpha")]);
    e.commands.setFlashAnnotation("a");
    expect(e.view.dom.querySelector("mark")!.classList.contains("annotation-highlight--flash")).toBe(true);
    vi.advanceTimersByTime(499);
    expect(e.view.dom.querySelector("mark")!.classList.contains("annotation-highlight--flash")).toBe(true);
    vi.advanceTimersByTime(1);
    expect(e.view.dom.querySelector("mark")!.classList.contains("annotation-highlight--flash")).toBe(false);
  });

  it("maps highlights through edits instead of rebuilding them", () => {
    const e = mount({}, CONTENT, true);
    e.commands.setAnnotations([annotation("a", "gamma")]);
    const before = annotationHighlightsKey.getState(e.state)!.decorations;
    e.view.dispatch(e.state.tr.insertText("Very ", 1));
    expect(markedText(e, "a")).toBe("gamma");
    expect(annotationHighlightsKey.getState(e.state)!.decorations).not.toBe(before);
    expect(e.can().undo()).toBe(true);
    e.commands.undo();
    expect(e.getText()).toBe("Alpha beta gamma delta.\n\nSecond 😀 paragraph here.");
    expect(markedText(e, "a")).toBe("gamma");
  });

  it("draws a large set in slices, one task each, until every highlight is shown", async () => {
    const paragraphs = Array.from({ length: 60 }, (_, p) => paragraph(`Paragraph ${p} has several words in it.`));
    const text = paragraphs.map((p) => p.content![0].text).join("\n\n");
    const e = mount({ sliceSize: 25, laterSliceSize: 10 }, docOf(...paragraphs));
    const annotations = [...text.matchAll(/several/g)].map((m, i) => ({
      id: `s${i}`,
      start: m.index,
      end: m.index + "several".length,
      color: "#3b82f6",
    }));
    e.commands.setAnnotations(annotations);
    const first = annotationHighlightsKey.getState(e.state)!;
    expect(first.drawn.size).toBe(25);
    expect(first.queue).toHaveLength(35);
    expect(e.view.dom.querySelectorAll("mark")).toHaveLength(25);
    // The first slice is the start of the document: what a freshly opened article shows.
    expect(e.view.dom.querySelector("mark")!.getAttribute("data-annotation-id")).toBe("s0");
    // Then slices of `laterSliceSize`, each in its own task.
    const sizes: number[] = [];
    await vi.waitFor(() => {
      const drawn = annotationHighlightsKey.getState(e.state)!.drawn.size;
      if (sizes.at(-1) !== drawn) sizes.push(drawn);
      expect(drawn).toBe(60);
    });
    expect(sizes.every((size) => (size - 25) % 10 === 0 || size === 60)).toBe(true);
    expect(e.view.dom.querySelectorAll("mark")).toHaveLength(60);
    expect(annotationHighlightsKey.getState(e.state)!.queue).toHaveLength(0);
    expect(markedText(e, "s59")).toBe("several");
  });

  it("redraws only the annotations that changed", () => {
    const e = mount();
    e.commands.setAnnotations([annotation("a", "beta"), annotation("b", "delta")]);
    const keep = e.view.dom.querySelector('mark[data-annotation-id="a"]');
    e.commands.setAnnotations([annotation("a", "beta"), annotation("b", "delta", { color: "#ef4444" })]);
    expect(e.view.dom.querySelector('mark[data-annotation-id="a"]')).toBe(keep);
    expect(e.view.dom.querySelector<HTMLElement>('mark[data-annotation-id="b"]')!.style.cssText).toContain("#ef4444");
    e.commands.setAnnotations([annotation("b", "delta", { color: "#ef4444" })]);
    expect(decorationsOf(e).map((d) => d.id)).toEqual(["b"]);
    expect(annotationHighlightsKey.getState(e.state)!.drawn.has("a")).toBe(false);
  });

  it("redraws every highlight when the document is replaced, even if the annotations are the same", () => {
    const e = mount();
    const set = [annotation("a", "beta"), annotation("b", "paragraph")];
    e.commands.setAnnotations(set);
    e.commands.setContent(CONTENT, { emitUpdate: false });
    e.commands.setAnnotations(set);
    expect(markedText(e, "a")).toBe("beta");
    expect(markedText(e, "b")).toBe("paragraph");
  });

  it("draws added annotations at once, in a free lane, and keeps them when the next set agrees", () => {
    const e = mount({ sliceSize: 1 });
    e.commands.setAnnotations([annotation("outer", "Alpha beta gamma")]);
    e.commands.addAnnotations([annotation("new", "beta")]);
    const mark = e.view.dom.querySelector<HTMLElement>('mark[data-annotation-id="new"]')!;
    expect(mark.textContent).toBe("beta");
    expect(mark.style.getPropertyValue("--annotation-lane").trim()).toBe("1");
    e.commands.setAnnotations([annotation("outer", "Alpha beta gamma"), annotation("new", "beta")]);
    expect(e.view.dom.querySelector('mark[data-annotation-id="new"]')).toBe(mark);
  });

  it("builds the decorations of 5,000 annotations on a 50,000-word article, all at their ranges", () => {
    const words = ["resistance", "Kabul", "the", "government", "in", "exile", "said", "officials", "Panjshir", "of"];
    const paragraphs: JSONContent[] = [];
    let text = "";
    for (let p = 0; p < 500; p++) {
      const body = Array.from({ length: 100 }, (_, w) => words[(p * 7 + w * 3) % words.length]).join(" ");
      paragraphs.push(paragraph(body));
      text += (p > 0 ? "\n\n" : "") + body;
    }
    const e = mount({}, docOf(...paragraphs));
    const map = canonicalTextMapOfNode(e.state.doc);
    expect(map.text).toBe(text);
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const annotations: HighlightedAnnotation[] = Array.from({ length: 5_000 }, (_, i) => {
      const start = random(text.length - 300);
      return { id: `a${i}`, start, end: start + 1 + random(299), color: "#3b82f6" };
    });
    const set = createAnnotationDecorations(e.state.doc, annotations);
    const found = set.find();
    expect(new Set(found.map((d) => d.spec.annotationId)).size).toBe(5_000);
    for (const a of annotations.slice(0, 200)) {
      const pieces = found.filter((d) => d.spec.annotationId === a.id);
      const { from, to } = textRangeToPosRange(map, a.start, a.end);
      expect(Math.min(...pieces.map((d) => d.from))).toBe(from);
      expect(Math.max(...pieces.map((d) => d.to))).toBe(to);
    }
  });
});
