import { describe, expect, it } from "vitest";
import { decodeAnnotations, encodeAnnotations, type EncodableAnnotation } from "./compact-annotations";

/** What the reader shows: `TEXT.slice(10, 23)` is the rows' quote. */
const TEXT = "The chief Ahmad Massoud said so.";
const ana = { id: "u1", name: "Ana" };
const person = { id: "e1", name: "Ahmad Massoud", type: { id: "t1", name: "Person", color: "#2563eb" } };

const row = (over: Partial<EncodableAnnotation>): EncodableAnnotation => ({
  id: "a1",
  start: 10,
  end: 23,
  exact: "Ahmad Massoud",
  prefix: "leader ",
  suffix: " said",
  status: "PROPOSED",
  anchorState: "ANCHORED",
  version: 2,
  note: "check spelling",
  createdAt: new Date("2026-11-25T10:00:00.000Z"),
  authorId: "u1",
  entityId: "e1",
  ...over,
});

describe("compact annotations", () => {
  it("round-trips every field the reader uses, sharing author and entity objects", () => {
    const decoded = decodeAnnotations(
      encodeAnnotations([row({}), row({ id: "a2", entityId: null, note: null })], [ana], [person], TEXT),
      TEXT,
    );
    expect(decoded).toEqual([
      {
        id: "a1",
        start: 10,
        end: 23,
        exact: "Ahmad Massoud",
        status: "PROPOSED",
        anchorState: "ANCHORED",
        version: 2,
        note: "check spelling",
        createdAt: "2026-11-25T10:00:00.000Z",
        author: ana,
        entity: person,
      },
      expect.objectContaining({ id: "a2", entity: null, note: null, author: ana }),
    ]);
    expect(decoded[0].author).toBe(decoded[1].author);
  });

  it("keeps the context of orphaned annotations only", () => {
    const [anchored, orphaned] = decodeAnnotations(
      encodeAnnotations(
        [row({}), row({ id: "a2", anchorState: "ORPHANED", exact: "Massoud Ahmad" })],
        [ana],
        [person],
        TEXT,
      ),
      TEXT,
    );
    expect(anchored).not.toHaveProperty("prefix");
    expect(orphaned).toMatchObject({ exact: "Massoud Ahmad", prefix: "leader ", suffix: " said" });
  });

  it("survives JSON and is far smaller than the objects", () => {
    const rows = Array.from({ length: 100 }, (_, i) => row({ id: `annotation-${i}` }));
    const compact = encodeAnnotations(rows, [ana], [person], TEXT);
    expect(decodeAnnotations(JSON.parse(JSON.stringify(compact)), TEXT)).toEqual(decodeAnnotations(compact, TEXT));
    const objects = decodeAnnotations(compact, TEXT).map((a) => ({ ...a, articleId: "x", revisionId: "y" }));
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(objects).length / 2);
  });

  it("sends a quote only where the shown text does not give it, and reads that text only then", () => {
    const moved = row({ id: "a2", start: 0, end: 3, exact: "The", anchorState: "MOVED", status: "REJECTED" });
    const stale = row({ id: "a3", start: 0, end: 3, exact: "Ein", status: "ACCEPTED" });
    const compact = encodeAnnotations([row({}), moved, stale], [ana], [person], TEXT);
    expect(compact.rows.map((r) => r.length)).toEqual([9, 9, 10]);
    let reads = 0;
    const decoded = decodeAnnotations(compact, () => (reads++, TEXT));
    expect(decoded.map((a) => [a.exact, a.status, a.anchorState])).toEqual([
      ["Ahmad Massoud", "PROPOSED", "ANCHORED"],
      ["The", "REJECTED", "MOVED"],
      ["Ein", "ACCEPTED", "ANCHORED"],
    ]);
    expect(reads).toBe(1);
    const quoted = encodeAnnotations([stale], [ana], [person], TEXT);
    decodeAnnotations(quoted, () => (reads++, TEXT));
    expect(reads).toBe(1);
  });

  it("refuses rows whose author or entity was not given", () => {
    expect(() => encodeAnnotations([row({})], [], [person], TEXT)).toThrow(/author u1/);
    expect(() => encodeAnnotations([row({})], [ana], [], TEXT)).toThrow(/entity e1/);
  });
});
