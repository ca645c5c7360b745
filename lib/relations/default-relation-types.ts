/**
 * The relation types every new workspace starts with (owners and reviewers can
 * change them). `source`/`target` name default entity types; empty means any
 * annotation. The migration 20261207110000_relations backfills the same list
 * (with the colours of then). Colours differ from the default entity types'
 * (lib/entities/default-entity-types.ts): in the entity network an edge
 * should never look like a node of some type.
 */
export const defaultRelationTypes = [
  {
    name: "member of",
    inverseLabel: "has member",
    directed: true,
    source: ["Person"],
    target: ["Organization"],
    color: "#0e7490",
    shortcut: "m",
  },
  {
    name: "leads",
    inverseLabel: "led by",
    directed: true,
    source: ["Person"],
    target: ["Organization"],
    color: "#c2410c",
    shortcut: "l",
  },
  {
    name: "located in",
    inverseLabel: "location of",
    directed: true,
    source: [],
    target: ["Location"],
    color: "#4d7c0f",
    shortcut: "i",
  },
  {
    name: "met with",
    inverseLabel: null,
    directed: false,
    source: ["Person"],
    target: ["Person"],
    color: "#be185d",
    shortcut: "w",
  },
  {
    name: "said",
    inverseLabel: "said by",
    directed: true,
    source: ["Person"],
    target: [],
    color: "#a16207",
    shortcut: "s",
  },
  {
    name: "same as",
    inverseLabel: null,
    directed: false,
    source: [],
    target: [],
    color: "#475569",
    shortcut: "a",
  },
] as const;
