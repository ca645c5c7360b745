import { describe, expect, it } from "vitest";
import {
  describeAnnotation,
  filterAnnotations,
  filterOptions,
  noFilters,
  quoteContext,
  shortQuote,
  sortByReadingOrder,
  splitByAnchor,
  UNTAGGED,
  updateFilters,
} from "./annotation-filters";
import { matchedAlias } from "./entity-match";
import type { AnnotationItem, EntityTypeItem } from "./types";

const person = { id: "t-person", name: "Person", color: "#d94f4f" };
const place = { id: "t-place", name: "Location", color: "#2e9e5b" };
const types: EntityTypeItem[] = [
  { ...person, shortcut: "p" },
  { ...place, shortcut: "l" },
];

function annotation(id: string, over: Partial<AnnotationItem> = {}): AnnotationItem {
  return {
    id,
    start: 0,
    end: 5,
    exact: "quote",
    prefix: "",
    suffix: "",
    note: null,
    status: "PROPOSED",
    anchorState: "ANCHORED",
    version: 1,
    createdAt: "2026-01-01T00:00:00.000Z",
    author: { id: "u-ana", name: "Ana" },
    entity: null,
    ...over,
  };
}

const massoud = { id: "e-massoud", name: "Ahmad Massoud", type: person };
const kabul = { id: "e-kabul", name: "Kabul", type: place };
const list = [
  annotation("a", { start: 40, end: 50, entity: kabul, status: "ACCEPTED" }),
  annotation("b", { start: 10, end: 30, entity: massoud, author: { id: "u-ben", name: "Ben" } }),
  annotation("c", { start: 10, end: 20 }),
  annotation("d", { start: 5, end: 9, anchorState: "ORPHANED", entity: massoud }),
];

describe("sortByReadingOrder / splitByAnchor", () => {
  it("orders by start then end and puts orphans apart", () => {
    expect(sortByReadingOrder(list).map((a) => a.id)).toEqual(["d", "c", "b", "a"]);
    const { placed, orphaned } = splitByAnchor(list);
    expect(placed.map((a) => a.id)).toEqual(["c", "b", "a"]);
    expect(orphaned.map((a) => a.id)).toEqual(["d"]);
  });
});

describe("filterAnnotations", () => {
  it("keeps everything without filters", () => {
    expect(filterAnnotations(list, noFilters)).toHaveLength(4);
  });
  it("filters by type, untagged, entity, author and status together", () => {
    const ids = (f: Partial<typeof noFilters>) => filterAnnotations(list, { ...noFilters, ...f }).map((a) => a.id);
    expect(ids({ typeId: person.id })).toEqual(["b", "d"]);
    expect(ids({ typeId: UNTAGGED })).toEqual(["c"]);
    expect(ids({ entityId: kabul.id })).toEqual(["a"]);
    expect(ids({ authorId: "u-ben" })).toEqual(["b"]);
    expect(ids({ status: "ACCEPTED" })).toEqual(["a"]);
    expect(ids({ typeId: person.id, authorId: "u-ana" })).toEqual(["d"]);
    expect(ids({ typeId: place.id, status: "REJECTED" })).toEqual([]);
  });
});

describe("filterOptions", () => {
  it("derives sorted entities (of the chosen type) and authors, and adds archived types and Untagged", () => {
    const archived = { id: "t-old", name: "Archived type", color: "#000000" };
    const withArchived = [...list, annotation("e", { entity: { id: "e-x", name: "Xeno", type: archived } })];
    const all = filterOptions(withArchived, types, "");
    expect(all.types.map((t) => t.label)).toEqual(["Archived type", "Location", "Person", "Untagged"]);
    expect(all.entities.map((e) => e.label)).toEqual(["Ahmad Massoud", "Kabul", "Xeno"]);
    expect(all.authors).toEqual([
      { value: "u-ana", label: "Ana" },
      { value: "u-ben", label: "Ben" },
    ]);
    expect(filterOptions(withArchived, types, place.id).entities.map((e) => e.value)).toEqual([kabul.id]);
    expect(filterOptions(withArchived, types, UNTAGGED).entities).toEqual([]);
  });
});

describe("updateFilters", () => {
  it("clears an entity of another type when the type changes, and keeps it otherwise", () => {
    const chosen = { ...noFilters, entityId: kabul.id };
    expect(updateFilters(chosen, { typeId: person.id }, list).entityId).toBe("");
    expect(updateFilters(chosen, { typeId: place.id }, list).entityId).toBe(kabul.id);
    expect(updateFilters(chosen, { typeId: "" }, list).entityId).toBe(kabul.id);
    expect(updateFilters(chosen, { status: "REJECTED" }, list)).toEqual({ ...chosen, status: "REJECTED" });
  });
});

describe("quoteContext / shortQuote", () => {
  it("cuts the context around a quote and marks where the text goes on", () => {
    expect(quoteContext({ prefix: "the leader ", suffix: " said on Monday" }, 40)).toEqual({
      before: "…the leader ",
      after: " said on Monday…",
    });
    expect(quoteContext({ prefix: "abcdefgh", suffix: "" }, 3)).toEqual({ before: "…fgh", after: "" });
  });
  it("shortens long quotes and collapses whitespace", () => {
    expect(shortQuote("a\n  b")).toBe("a b");
    expect(shortQuote("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

describe("matchedAlias", () => {
  const entity = { name: "Ahmad Shah Massoud", aliases: ["Lion of Panjshir", "Massoud"] };
  it("names the alias only when it matches better than the name", () => {
    expect(matchedAlias(entity, "lion")).toBe("Lion of Panjshir");
    expect(matchedAlias(entity, "massoud")).toBe("Massoud");
    expect(matchedAlias(entity, "ahmad")).toBeNull();
    expect(matchedAlias(entity, " ")).toBeNull();
    expect(matchedAlias({ name: "Kabul", aliases: [] }, "kab")).toBeNull();
  });
});

describe("describeAnnotation", () => {
  it("names the quote, entity, author, status and a moved anchor", () => {
    expect(describeAnnotation(list[1])).toBe("“quote”, Ahmad Massoud (Person), by Ben, Proposed");
    expect(describeAnnotation(annotation("m", { anchorState: "MOVED", status: "REJECTED" }))).toBe(
      "“quote”, Untagged, by Ana, Rejected, moved, please check",
    );
  });
});

describe("an entity whose type is not known (archived or not yet loaded)", () => {
  const typeless = annotation("x", { entity: { id: "e-x", name: "Panjshir", type: null } });
  const withTypeless = [...list, typeless];
  it("filters, lists and describes it without throwing", () => {
    expect(filterAnnotations(withTypeless, { ...noFilters, typeId: person.id }).map((a) => a.id)).not.toContain("x");
    expect(filterAnnotations(withTypeless, { ...noFilters, typeId: UNTAGGED }).map((a) => a.id)).not.toContain("x");
    expect(filterAnnotations(withTypeless, { ...noFilters, entityId: "e-x" }).map((a) => a.id)).toEqual(["x"]);
    const options = filterOptions(withTypeless, types, "");
    expect(options.entities.map((e) => e.label)).toContain("Panjshir");
    expect(filterOptions(withTypeless, types, person.id).entities.map((e) => e.label)).not.toContain("Panjshir");
    expect(updateFilters({ ...noFilters, entityId: "e-x" }, { typeId: person.id }, withTypeless).entityId).toBe("");
    expect(describeAnnotation(typeless)).toBe("“quote”, Panjshir (type unavailable), by Ana, Proposed");
  });
});
