import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseW3cAnnotations } from "./w3c";

const examples = path.resolve(__dirname, "../../../shared/conformance/w3c-annotation-model/examples/valid");
const example = (name: string) => readFileSync(path.join(examples, name), "utf8");

const highlight = (over: Record<string, unknown> = {}) => ({
  "@context": "http://www.w3.org/ns/anno.jsonld",
  id: "urn:a:1",
  type: "Annotation",
  motivation: "highlighting",
  target: {
    type: "SpecificResource",
    source: "https://example.org/text",
    selector: [
      { type: "TextQuoteSelector", exact: "Kabul", prefix: "in ", suffix: " on" },
      { type: "TextPositionSelector", start: 3, end: 8 },
    ],
  },
  ...over,
});

describe("parseW3cAnnotations", () => {
  it("reads one annotation, an array, a page and a collection with embedded pages", () => {
    const one = parseW3cAnnotations(JSON.stringify(highlight()));
    expect(one.problems).toEqual([]);
    expect(one.highlights).toHaveLength(1);
    expect(one.highlights[0]).toMatchObject({
      item: 0,
      sourceId: "urn:a:1",
      source: "https://example.org/text",
      quote: { exact: "Kabul", prefix: "in ", suffix: " on" },
      position: { start: 3, end: 8 },
      comments: [],
    });

    const array = parseW3cAnnotations(JSON.stringify([highlight(), highlight({ id: "urn:a:2" })]));
    expect(array.highlights.map((h) => h.item)).toEqual([0, 1]);

    const collection = parseW3cAnnotations(
      JSON.stringify({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "AnnotationCollection",
        id: "urn:c",
        total: 3,
        first: {
          type: "AnnotationPage",
          items: [highlight()],
          next: { type: "AnnotationPage", items: [highlight({ id: "urn:a:2" }), highlight({ id: "urn:a:3" })] },
        },
      }),
    );
    expect(collection.problems).toEqual([]);
    expect(collection.highlights.map((h) => h.sourceId)).toEqual(["urn:a:1", "urn:a:2", "urn:a:3"]);
  });

  it("reads the conformance kit's valid examples, threads included", () => {
    const parsed = parseW3cAnnotations(example("collection.jsonld"));
    expect(parsed.problems).toEqual([]);
    // The Wikidata-identified tag is an entity named by its tagging body.
    expect(parsed.highlights[1].entity).toEqual({
      refs: ["http://www.wikidata.org/entity/Q42"],
      name: "Douglas Adams",
    });
    // The commenting annotation on text is a highlight with a note; the reply opens its thread.
    expect(parsed.highlights[2].note).toBe("This date needs a citation.");
    expect(parsed.highlights[2].comments.map((c) => c.text)).toEqual(["Agreed - see the first edition's colophon."]);
    const lines = parseW3cAnnotations(example("annotations.jsonl"));
    expect(lines.problems).toEqual([]);
    expect(lines.highlights.length).toBeGreaterThan(0);
    expect(lines.highlights.every((h) => typeof h.line === "number")).toBe(true);
  });

  it("maps identifying, classifying, describing and tagging bodies, creator and status", () => {
    const parsed = parseW3cAnnotations(
      JSON.stringify(
        highlight({
          creator: { id: "https://app.example/users/u1", type: "Person", name: "Ana" },
          "marginalia:status": "accepted",
          body: [
            {
              type: "SpecificResource",
              purpose: "identifying",
              source: "https://app.example/w/w1/entities/e1",
              name: "Kabul",
            },
            { type: "TextualBody", purpose: "classifying", value: "Place" },
            { type: "TextualBody", purpose: "describing", value: "capital" },
            { type: "TextualBody", purpose: "tagging", value: "city" },
          ],
        }),
      ),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.highlights[0]).toMatchObject({
      entity: { refs: ["https://app.example/w/w1/entities/e1"], name: "Kabul", type: "Place" },
      note: "capital\n\nTags: city",
      status: "ACCEPTED",
      creator: { id: "https://app.example/users/u1", name: "Ana" },
    });
  });

  it("reads a Hypothesis export, ignoring RangeSelector with a report and threading replies by references", () => {
    const parsed = parseW3cAnnotations(
      JSON.stringify({
        export_date: "2026-11-25T10:00:00Z",
        annotations: [
          {
            id: "h1",
            uri: "https://example.org/text",
            user: "acct:ana@hypothes.is",
            user_info: { display_name: "Ana" },
            text: "Worth checking.",
            tags: ["todo"],
            created: "2026-11-01T10:00:00Z",
            target: [
              {
                source: "https://example.org/text",
                selector: [
                  {
                    type: "RangeSelector",
                    startContainer: "/p[1]",
                    startOffset: 0,
                    endContainer: "/p[1]",
                    endOffset: 5,
                  },
                  { type: "TextPositionSelector", start: 3, end: 8 },
                  { type: "TextQuoteSelector", exact: "Kabul", prefix: "in ", suffix: " on" },
                ],
              },
            ],
          },
          {
            id: "h2",
            uri: "https://example.org/text",
            user: "acct:bo@hypothes.is",
            text: "Checked.",
            references: ["h1"],
            created: "2026-11-02T10:00:00Z",
            target: [{ source: "https://example.org/text" }],
          },
        ],
      }),
    );
    expect(parsed.format).toBe("hypothesis");
    expect(parsed.problems).toEqual([]);
    expect(parsed.skipped).toEqual([{ item: 0, message: expect.stringContaining("RangeSelector") }]);
    expect(parsed.highlights).toHaveLength(1);
    expect(parsed.highlights[0]).toMatchObject({
      quote: { exact: "Kabul" },
      position: { start: 3, end: 8 },
      note: "Worth checking.\n\nTags: todo",
      creator: { id: "acct:ana@hypothes.is", name: "Ana" },
    });
    expect(parsed.highlights[0].comments.map((c) => [c.text, c.creator?.name])).toEqual([["Checked.", "bo"]]);
  });

  it("reports malformed JSON with its line", () => {
    const parsed = parseW3cAnnotations('{\n  "type": "Annotation",\n  "target": [\n}');
    expect(parsed.highlights).toEqual([]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0].message).toMatch(/^The file is not valid JSON/);
    expect(parsed.problems[0].line).toBe(4);
  });

  it("reports wrong types and missing selectors with the item and the path", () => {
    const parsed = parseW3cAnnotations(
      JSON.stringify([
        highlight(),
        highlight({ target: 42 }),
        highlight({
          target: { source: "x", selector: [{ type: "TextPositionSelector", start: "3", end: 8 }] },
        }),
        highlight({ target: { source: "x", selector: { type: "TextQuoteSelector", exact: "" } } }),
        highlight({ target: { source: "x", selector: { type: "FragmentSelector", value: "p=1" } } }),
        { type: "Annotation" },
        "not an annotation",
      ]),
    );
    expect(parsed.highlights).toHaveLength(1);
    expect(parsed.problems.map((p) => [p.item, p.message])).toEqual([
      [1, "target: has the wrong type (expected a URL, an object or an array)."],
      [2, expect.stringMatching(/^target\.selector\[0\]\.start: /)],
      [3, expect.stringMatching(/^target\.selector\.exact: The quote \(exact\) is empty/)],
      [4, expect.stringContaining("FragmentSelector")],
      [5, "target: is missing: an annotation needs a target."],
      [6, expect.any(String)],
    ]);
  });

  it("reports a reply to nothing instead of dropping it", () => {
    const parsed = parseW3cAnnotations(
      JSON.stringify([
        highlight(),
        { type: "Annotation", motivation: "replying", bodyValue: "Lost", target: "urn:elsewhere" },
      ]),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.skipped).toEqual([{ item: 1, message: expect.stringContaining("not in the file") }]);
  });

  it("refuses a page that is only linked", () => {
    const parsed = parseW3cAnnotations(
      JSON.stringify({ type: "AnnotationCollection", id: "urn:c", total: 2, first: "https://example.org/page1" }),
    );
    expect(parsed.problems[0].message).toMatch(/only linked/);
  });
});
