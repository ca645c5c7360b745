import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { htmlReport } from "../html-report";
import { isAnchored } from "../types";
import { allBatches, annotate } from "./fixtures";

describe("HTML report", () => {
  it("highlights every anchored annotation over exactly its quote, with footnoted threads", async () => {
    for (const { article, annotations } of await allBatches()) {
      const html = htmlReport(article, annotations, { generatedAt: new Date("2026-11-25T10:00:00Z") });
      const doc = new JSDOM(html).window.document;
      const text = doc.querySelector("article.text")!;
      // The article's text is all there, unchanged, footnote marks aside.
      const clone = text.cloneNode(true) as Element;
      clone.querySelectorAll("sup").forEach((s) => s.remove());
      expect(clone.textContent).toBe(article.text);
      const marks = [...text.querySelectorAll("mark")];
      for (const a of annotations) {
        const covered = marks.filter((m) => m.getAttribute("data-annotations")!.split(" ").includes(a.id));
        if (!isAnchored(article, a)) {
          expect(covered).toHaveLength(0);
          continue;
        }
        expect(covered.map((m) => m.textContent).join("")).toBe(a.exact);
      }
      const footnoted = annotations.filter((a) => isAnchored(article, a) && (a.note || a.comments.length));
      const notes = doc.querySelectorAll("ol.notes > li");
      expect(notes).toHaveLength(footnoted.length);
      footnoted.forEach((a, i) => {
        expect(notes[i].querySelector("blockquote")!.textContent).toBe(a.exact);
        expect(doc.querySelector(`a[href="#fn-${i + 1}"]`)).not.toBeNull();
        const thread = [...notes[i].querySelectorAll(".thread li div")].map((d) => d.textContent);
        // HTML parsing normalizes CRLF; nothing else changes.
        expect(thread).toEqual(a.comments.map((c) => c.text.replace(/\r\n?/g, "\n")));
      });
    }
  });

  it("escapes user text: no element or attribute comes from a title, quote, name or comment", async () => {
    const [seed] = await allBatches();
    const article = { ...seed.article, title: `<img src=x onerror=alert(1)> "Title" & co` };
    const evil = annotate(article, 0, 6, {
      note: `<script>alert("note")</script>`,
      entity: {
        id: "e_x",
        name: `<b onmouseover="x">E</b>`,
        externalId: `javascript:alert(1)`,
        type: { id: "t", name: "<i>T</i>", color: `red;background:url(x)` },
      },
      author: { id: "u", name: `<svg onload=alert(1)>` },
    });
    const html = htmlReport(article, [...seed.annotations, evil]);
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelectorAll("script, img, svg, b, i, iframe")).toHaveLength(0);
    expect(doc.querySelector("h1")!.textContent).toBe(article.title);
    expect(doc.querySelector("title")!.textContent).toContain(article.title);
    for (const el of doc.querySelectorAll("*")) {
      for (const attr of el.attributes) expect(attr.name.startsWith("on")).toBe(false);
    }
    // An invalid colour falls back to the default instead of reaching the CSS.
    expect(html).not.toContain("url(x)");
    expect(doc.body.textContent).toContain(`<script>alert("note")</script>`);
    expect(doc.body.textContent).toContain("Is this right?");
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content")).toContain(
      "default-src 'none'",
    );
  });

  it("lists the entities and who annotated and reviewed, with print CSS", async () => {
    const [seed] = await allBatches();
    const doc = new JSDOM(htmlReport(seed.article, seed.annotations)).window.document;
    const entityRows = [...doc.querySelectorAll("#index-h + table tbody tr")].map((tr) =>
      [...tr.children].map((td) => td.textContent),
    );
    expect(entityRows).toContainEqual(["Armed group", "Taliban", "Q42834", "6", "4"]);
    const people = [...doc.querySelectorAll("#people-h + table tbody tr")].map((tr) => tr.children[0].textContent);
    expect(people).toEqual(["Alice O'Brien", 'Bob "the reviewer", Jr.']);
    expect(doc.querySelector("style")!.textContent).toContain("@media print");
  });
});
