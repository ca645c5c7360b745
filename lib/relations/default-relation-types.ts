/**
 * The relation types every new workspace starts with (owners and reviewers can
 * change them). `source`/`target` name default entity types; empty means any
 * annotation. The migration 20261207110000_relations backfills the same list.
 */
export const defaultRelationTypes = [
  {
    name: "member of",
    inverseLabel: "has member",
    directed: true,
    source: ["Person"],
    target: ["Organization"],
    color: "#2f6fd4",
    shortcut: "m",
  },
  {
    name: "leads",
    inverseLabel: "led by",
    directed: true,
    source: ["Person"],
    target: ["Organization"],
    color: "#d94f4f",
    shortcut: "l",
  },
  {
    name: "located in",
    inverseLabel: "location of",
    directed: true,
    source: [],
    target: ["Location"],
    color: "#2e9e5b",
    shortcut: "i",
  },
  {
    name: "met with",
    inverseLabel: null,
    directed: false,
    source: ["Person"],
    target: ["Person"],
    color: "#b86bd9",
    shortcut: "w",
  },
  {
    name: "said",
    inverseLabel: "said by",
    directed: true,
    source: ["Person"],
    target: [],
    color: "#c48a1b",
    shortcut: "s",
  },
  {
    name: "same as",
    inverseLabel: null,
    directed: false,
    source: [],
    target: [],
    color: "#8a8f98",
    shortcut: "a",
  },
] as const;
