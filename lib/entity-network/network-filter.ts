import type { EntityNetwork, NetworkEdge, NetworkNode } from "./types";

/**
 * What the viewer hides without asking the server again: types unticked in
 * the legend and links weaker than the slider. The graph and the table both
 * read it through these predicates, so they always show the same network.
 */
export type NetworkFilter = { hiddenTypes: ReadonlySet<string>; minWeight: number };

export const NO_FILTER: NetworkFilter = { hiddenTypes: new Set(), minWeight: 1 };

export function isNodeShown(node: Pick<NetworkNode, "typeId">, filter: NetworkFilter): boolean {
  return !filter.hiddenTypes.has(node.typeId);
}

/** An edge shows when it is strong enough and both its ends show. */
export function isEdgeShown(
  edge: Pick<NetworkEdge, "weight">,
  ends: [Pick<NetworkNode, "typeId">, Pick<NetworkNode, "typeId">],
  filter: NetworkFilter,
): boolean {
  return edge.weight >= filter.minWeight && isNodeShown(ends[0], filter) && isNodeShown(ends[1], filter);
}

/** The nodes and edges (still strongest first) that pass the filter. */
export function filterNetwork(network: EntityNetwork, filter: NetworkFilter): Pick<EntityNetwork, "nodes" | "edges"> {
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  return {
    nodes: network.nodes.filter((n) => isNodeShown(n, filter)),
    edges: network.edges.filter((e) => {
      const [source, target] = [byId.get(e.source), byId.get(e.target)];
      return source && target ? isEdgeShown(e, [source, target], filter) : false;
    }),
  };
}
