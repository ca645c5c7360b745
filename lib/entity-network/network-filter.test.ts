import { describe, expect, it } from "vitest";
import { filterNetwork, shownRelationEdges, type NetworkFilter } from "./network-filter";
import type { EntityNetwork } from "./types";

const network: EntityNetwork = {
  types: [
    { id: "person", name: "Person", color: "#d94f4f" },
    { id: "org", name: "Organization", color: "#2f6fd4" },
  ],
  nodes: [
    { id: "massoud", name: "Ahmad Massoud", typeId: "person", mentions: 3 },
    { id: "saleh", name: "Amrullah Saleh", typeId: "person", mentions: 2 },
    { id: "nrf", name: "National Resistance Front", typeId: "org", mentions: 2 },
  ],
  edges: [
    { source: "massoud", target: "nrf", weight: 2 },
    { source: "massoud", target: "saleh", weight: 1 },
  ],
  truncated: false,
  relationTypes: [
    { id: "leads", name: "leads", color: "#d94f4f", directed: true },
    { id: "met", name: "met with", color: "#b86bd9", directed: false },
  ],
  relationEdges: [
    { source: "massoud", target: "nrf", typeId: "leads", directed: true, count: 3 },
    { source: "saleh", target: "massoud", typeId: "met", directed: false, count: 1 },
  ],
};

const filter = (f: Partial<NetworkFilter> = {}): NetworkFilter => ({ hiddenTypes: new Set(), minWeight: 1, ...f });
const described = (f: NetworkFilter) =>
  shownRelationEdges(network, f).map((e) => `${e.sourceName} ${e.type.name} ${e.targetName}`);

describe("the network filter and relation edges", () => {
  it("draws every relation edge with its type, direction kept", () => {
    const shown = shownRelationEdges(network, filter());
    expect(shown.map((e) => [e.source, e.type.name, e.target, e.directed])).toEqual([
      ["massoud", "leads", "nrf", true],
      ["saleh", "met with", "massoud", false],
    ]);
  });

  it("filters relation edges by type and by the entity types shown, not by link strength", () => {
    expect(described(filter({ relationTypeId: "leads" }))).toEqual(["Ahmad Massoud leads National Resistance Front"]);
    expect(described(filter({ hiddenTypes: new Set(["org"]) }))).toEqual(["Amrullah Saleh met with Ahmad Massoud"]);
    expect(described(filter({ minWeight: 5 }))).toHaveLength(2);
  });

  it("switching co-occurrence off hides those links only", () => {
    expect(filterNetwork(network, filter({ cooccurrence: false })).edges).toEqual([]);
    expect(filterNetwork(network, filter()).edges).toHaveLength(2);
    expect(described(filter({ cooccurrence: false }))).toHaveLength(2);
  });
});
