import { describe, expect, it } from "vitest";
import { mergeAnnotationChanges, upsertAnnotations } from "./merge-annotations";
import type { AnnotationItem } from "./types";

const make = (id: string, extra: Partial<AnnotationItem> = {}): AnnotationItem => ({
  id,
  start: 0,
  end: 4,
  exact: "text",
  status: "PROPOSED",
  anchorState: "ANCHORED",
  version: 1,
  note: null,
  createdAt: "2026-11-25T12:00:00.000Z",
  author: { id: "u1", name: "Ana" },
  entity: null,
  ...extra,
});

describe("upsertAnnotations", () => {
  it("replaces in place and appends the new ones, once each", () => {
    const list = [make("a"), make("b")];
    const next = upsertAnnotations(list, [make("b", { version: 2 }), make("c")]);
    expect(next.map((a) => [a.id, a.version])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 1],
    ]);
    expect(upsertAnnotations(next, [make("c")]).map((a) => a.id)).toEqual(["a", "b", "c"]);
  });
});

describe("mergeAnnotationChanges", () => {
  it("adds new, updates changed and removes deleted annotations", () => {
    const list = [make("a"), make("b"), make("c")];
    const next = mergeAnnotationChanges(list, ["a", "b", "d"], [make("b", { version: 2, exact: "new" }), make("d")]);
    expect(next.map((a) => a.id)).toEqual(["b", "c", "d"]);
    expect(next[0]).toMatchObject({ version: 2, exact: "new" });
  });

  it("returns the same list when nothing changed (an echo of one's own save)", () => {
    const list = [make("a", { version: 2 })];
    expect(mergeAnnotationChanges(list, ["a"], [make("a", { version: 2 })])).toBe(list);
    expect(mergeAnnotationChanges(list, ["zzz"], [])).toBe(list);
  });

  it("keeps a newer local version over an older answer", () => {
    const list = [make("a", { version: 3, note: "mine" })];
    expect(mergeAnnotationChanges(list, ["a"], [make("a", { version: 2 })])).toBe(list);
  });

  it("applies the same event twice with the same result (replays are harmless)", () => {
    const list = [make("a")];
    const once = mergeAnnotationChanges(list, ["a", "b"], [make("b")]);
    const twice = mergeAnnotationChanges(once, ["a", "b"], [make("b")]);
    expect(twice).toBe(once);
    expect(twice.map((a) => a.id)).toEqual(["b"]);
  });
});
