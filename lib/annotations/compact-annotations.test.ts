import { describe, expect, it } from "vitest";
import { decodeAnnotations, encodeAnnotations, type EncodableAnnotation } from "./compact-annotations";

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
      encodeAnnotations([row({}), row({ id: "a2", entityId: null, note: null })], [ana], [person]),
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
      encodeAnnotations([row({}), row({ id: "a2", anchorState: "ORPHANED" })], [ana], [person]),
    );
    expect(anchored).not.toHaveProperty("prefix");
    expect(orphaned).toMatchObject({ prefix: "leader ", suffix: " said" });
  });

  it("survives JSON and is far smaller than the objects", () => {
    const rows = Array.from({ length: 100 }, (_, i) => row({ id: `annotation-${i}` }));
    const compact = encodeAnnotations(rows, [ana], [person]);
    expect(decodeAnnotations(JSON.parse(JSON.stringify(compact)))).toEqual(decodeAnnotations(compact));
    const objects = decodeAnnotations(compact).map((a) => ({ ...a, articleId: "x", revisionId: "y" }));
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(objects).length / 2);
  });

  it("refuses rows whose author or entity was not given", () => {
    expect(() => encodeAnnotations([row({})], [], [person])).toThrow(/author u1/);
    expect(() => encodeAnnotations([row({})], [ana], [])).toThrow(/entity e1/);
  });
});
