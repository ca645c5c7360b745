import type { EntityNetwork, NetworkEdge, NetworkNode } from "./types";

/**
 * What the viewer hides without asking the server again: types unticked in
 * the legend and links weaker than the slider. The graph and the table both
 * read it through these predicates, so they always show the same network.
 */
export type NetworkFilter = {
  hiddenTypes: ReadonlySet<string>;
  minWeight: number;
  /** Co-occurrence links drawn (default true); relation edges are drawn either way. */
  cooccurrence?: boolean;
  /** Relation edges of this type only ("" or undefined: all). */
  relationTypeId?: string;
};

export const NO_FILTER: NetworkFilter = { hiddenTypes: new Set(), minWeight: 1 };

/** A relation edge shows when it is of the chosen type (if any) and both its ends show; link strength does not apply. */
export function isRelationEdgeShown(
  edge: { typeId: string },
  ends: [Pick<NetworkNode, "typeId">, Pick<NetworkNode, "typeId">],
  filter: NetworkFilter,
): boolean {
  return (
    (!filter.relationTypeId || edge.typeId === filter.relationTypeId) &&
    isNodeShown(ends[0], filter) &&
    isNodeShown(ends[1], filter)
  );
}

/**
 * The relation edges that pass the filter, each with its type: what the graph
 * draws as typed, directed edges, and what its accessible list names.
 */
export function shownRelationEdges(network: EntityNetwork, filter: NetworkFilter) {
  const nodes = new Map(network.nodes.map((n) => [n.id, n]));
  const types = new Map(network.relationTypes.map((t) => [t.id, t]));
  return network.relationEdges.flatMap((edge) => {
    const [source, target, type] = [nodes.get(edge.source), nodes.get(edge.target), types.get(edge.typeId)];
    if (!source || !target || !type || !isRelationEdgeShown(edge, [source, target], filter)) return [];
    return [{ ...edge, sourceName: source.name, targetName: target.name, type }];
  });
}

export function isNodeShown(node: Pick<NetworkNode, "typeId">, filter: NetworkFilter): boolean {
  return !filter.hiddenTypes.has(node.typeId);
}

/** A co-occurrence edge shows when co-occurrence is on, it is strong enough and both its ends show. */
export function isEdgeShown(
  edge: Pick<NetworkEdge, "weight">,
  ends: [Pick<NetworkNode, "typeId">, Pick<NetworkNode, "typeId">],
  filter: NetworkFilter,
): boolean {
  return (
    filter.cooccurrence !== false &&
    edge.weight >= filter.minWeight &&
    isNodeShown(ends[0], filter) &&
    isNodeShown(ends[1], filter)
  );
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
