import { describe, expect, it } from "vitest";
import { parseAnnotations } from "./parse-annotations";

const row = {
  id: "a1",
  articleId: "art",
  start: 3,
  end: 8,
  exact: "Kabul",
  note: null,
  status: "PROPOSED",
  anchorState: "ANCHORED",
  version: 2,
  createdAt: "2026-01-01T00:00:00.000Z",
  author: { id: "u1", name: "Ana" },
  entity: { id: "e1", name: "Kabul", type: { id: "t1", name: "Location", color: "#2e9e5b" } },
};

describe("parseAnnotations", () => {
  it("accepts every partial shape the API may send, with defaults", () => {
    const { items, unreadableIds } = parseAnnotations([
      row,
      { ...row, id: "a2", entity: { id: "e2", name: "Panjshir", type: null } },
      { ...row, id: "a3", entity: { id: "e3", name: "Taliban" } },
      { ...row, id: "a4", entity: undefined, note: undefined, author: { id: "u2" } },
    ]);
    expect(unreadableIds).toEqual([]);
    expect(items.map((a) => a.entity?.type ?? null)).toEqual([row.entity.type, null, null, null]);
    expect(items[3]).toMatchObject({ entity: null, note: null, author: { id: "u2", name: "Unknown member" } });
  });

  it("leaves out a row it cannot place, and names it so it is not taken for a deletion", () => {
    const { items, unreadableIds } = parseAnnotations([row, { ...row, id: "bad", start: null }, null]);
    expect(items.map((a) => a.id)).toEqual(["a1"]);
    expect(unreadableIds).toEqual(["bad"]);
  });
});
