import { describe, expect, it } from "vitest";
import { decodeRelations, encodeRelations, type EncodableRelation } from "./compact-relations";

const leads = { id: "t1", name: "leads", inverseLabel: "led by", directed: true, color: "#d94f4f" };
const metWith = { id: "t2", name: "met with", inverseLabel: null, directed: false, color: "#b86bd9" };
const ana = { id: "u1", name: "Ana" };
const bo = { id: "u2", name: "Bo" };

const row = (over: Partial<EncodableRelation>): EncodableRelation => ({
  id: "r1",
  sourceId: "a1",
  targetId: "a2",
  typeId: "t1",
  authorId: "u1",
  version: 3,
  status: "PROPOSED",
  flagged: false,
  note: "per the interview",
  ...over,
});

describe("compact relations", () => {
  it("round-trips what the reader holds, every status and flag, sharing type and author objects", () => {
    const rows = [
      row({}),
      row({ id: "r2", typeId: "t2", authorId: "u2", status: "ACCEPTED", flagged: true, note: null }),
      row({ id: "r3", status: "REJECTED", sourceId: "a3", targetId: "a1", version: 1 }),
    ];
    const decoded = decodeRelations(JSON.parse(JSON.stringify(encodeRelations(rows, [leads, metWith], [ana, bo]))));
    expect(decoded).toEqual([
      {
        id: "r1",
        version: 3,
        status: "PROPOSED",
        note: "per the interview",
        flagged: false,
        type: leads,
        source: { id: "a1" },
        target: { id: "a2" },
        author: ana,
      },
      {
        id: "r2",
        version: 3,
        status: "ACCEPTED",
        note: null,
        flagged: true,
        type: metWith,
        source: { id: "a1" },
        target: { id: "a2" },
        author: bo,
      },
      {
        id: "r3",
        version: 1,
        status: "REJECTED",
        note: "per the interview",
        flagged: false,
        type: leads,
        source: { id: "a3" },
        target: { id: "a1" },
        author: ana,
      },
    ]);
    expect(decoded[0].type).toBe(decoded[2].type);
    expect(decoded[0].author).toBe(decoded[2].author);
  });

  it("is a fraction of the objects' JSON", () => {
    const rows = Array.from({ length: 100 }, (_, i) => row({ id: `r${i}`, note: null }));
    const compact = JSON.stringify(encodeRelations(rows, [leads], [ana])).length;
    expect(compact).toBeLessThan(JSON.stringify(decodeRelations(encodeRelations(rows, [leads], [ana]))).length / 3);
  });

  it("refuses a row whose type or author is not in the tables", () => {
    expect(() => encodeRelations([row({ typeId: "t9" })], [leads], [ana])).toThrow(/relation type t9/);
    expect(() => encodeRelations([row({ authorId: "u9" })], [leads], [ana])).toThrow(/author u9/);
  });
});
