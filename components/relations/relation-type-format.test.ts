import { describe, expect, it } from "vitest";
import { createRelationTypeSchema, updateRelationTypeSchema } from "@/lib/validations/relation";
import {
  changedRelationTypeFields,
  clientFieldErrors,
  describeInverse,
  describeRelationEnds,
  readRelationTypeForm,
  relationTypesSettingsHref,
  type RelationTypeFormValues,
} from "./relation-type-format";

const names: Record<string, string> = { p: "Person", o: "Organization", l: "Location" };
const nameOf = (id: string) => names[id] ?? "an archived type";

const leads: RelationTypeFormValues = {
  name: "leads",
  inverseLabel: "led by",
  directed: true,
  sourceTypeIds: ["p"],
  targetTypeIds: ["o"],
  color: "#C2410C",
  shortcut: "l",
};

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("describeRelationEnds", () => {
  it("names each end's entity types, any when unrestricted, ↔ when symmetric", () => {
    expect(describeRelationEnds(leads, nameOf)).toBe("Person → Organization");
    expect(describeRelationEnds({ directed: true, sourceTypeIds: [], targetTypeIds: ["l"] }, nameOf)).toBe(
      "any → Location",
    );
    expect(describeRelationEnds({ directed: false, sourceTypeIds: ["p"], targetTypeIds: ["p"] }, nameOf)).toBe(
      "Person ↔ Person",
    );
    expect(describeRelationEnds({ directed: true, sourceTypeIds: ["p", "x"], targetTypeIds: [] }, nameOf)).toBe(
      "Person or an archived type → any",
    );
  });
});

describe("describeInverse", () => {
  it("is the inverse label of a directed type, “both ways” for a symmetric one, nothing when unset", () => {
    expect(describeInverse(leads)).toBe("led by");
    expect(describeInverse({ directed: false, inverseLabel: null })).toBe("both ways");
    expect(describeInverse({ directed: true, inverseLabel: null })).toBeNull();
  });
});

describe("readRelationTypeForm", () => {
  it("trims and lowercases like the API stores, collects the checked entity types", () => {
    const values = readRelationTypeForm(
      form([
        ["name", "  funds "],
        ["inverseLabel", " funded by "],
        ["direction", "directed"],
        ["sourceTypeIds", "o"],
        ["targetTypeIds", "o"],
        ["targetTypeIds", "p"],
        ["color", "#AABBCC"],
        ["shortcut", "F"],
      ]),
    );
    expect(values).toEqual({
      name: "funds",
      inverseLabel: "funded by",
      directed: true,
      sourceTypeIds: ["o"],
      targetTypeIds: ["o", "p"],
      color: "#aabbcc",
      shortcut: "f",
    });
  });

  it("drops the inverse label of a symmetric type and an empty shortcut", () => {
    const values = readRelationTypeForm(
      form([
        ["name", "met with"],
        ["inverseLabel", "ignored"],
        ["direction", "symmetric"],
        ["color", "#000000"],
        ["shortcut", ""],
      ]),
    );
    expect(values).toMatchObject({ directed: false, inverseLabel: null, shortcut: null, sourceTypeIds: [] });
  });
});

describe("changedRelationTypeFields", () => {
  it("is empty when nothing changed (colour case and entity type order ignored)", () => {
    expect(changedRelationTypeFields(leads, { ...leads, color: "#c2410c" })).toEqual({});
    expect(
      changedRelationTypeFields({ ...leads, targetTypeIds: ["o", "l"] }, { ...leads, targetTypeIds: ["l", "o"] }),
    ).toEqual({});
  });

  it("sends only what changed, and a cleared shortcut or end restriction", () => {
    expect(
      changedRelationTypeFields(leads, { ...leads, inverseLabel: "headed by", shortcut: null, sourceTypeIds: [] }),
    ).toEqual({ inverseLabel: "headed by", shortcut: null, sourceTypeIds: [] });
  });

  it("turning a type symmetric sends directed: false, not the inverse label the API clears itself", () => {
    expect(changedRelationTypeFields(leads, { ...leads, directed: false, inverseLabel: null })).toEqual({
      directed: false,
    });
  });
});

describe("clientFieldErrors", () => {
  it("gives the shared schemas' messages in the API's fieldErrors shape", () => {
    expect(clientFieldErrors(createRelationTypeSchema, { ...leads, name: "", shortcut: "ff" })).toEqual({
      name: ["Enter a name."],
      shortcut: ["Use one lowercase letter or digit."],
    });
    expect(clientFieldErrors(updateRelationTypeSchema, { version: 3, color: "#c2410c" })).toBeNull();
    expect(clientFieldErrors(updateRelationTypeSchema, { color: "#c2410c" })).toHaveProperty("version");
  });
});

describe("relationTypesSettingsHref", () => {
  it("points at the relation types section of the workspace's settings", () => {
    expect(relationTypesSettingsHref("ws1")).toBe("/w/ws1/settings#relation-types");
  });
});
