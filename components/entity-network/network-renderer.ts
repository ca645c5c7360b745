/**
 * The entity network drawn with sigma (WebGL) on a graphology graph, laid out
 * by ForceAtlas2 in a web worker so that the page stays responsive while
 * thousands of nodes settle. Framework-free, so the React view and the
 * benchmark (bench/network.mjs) drive exactly the same code.
 */
import Graph from "graphology";
import { inferSettings } from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import Sigma from "sigma";
import type { NodeLabelDrawingFunction } from "sigma/rendering";
import { edgeSize, LABEL_SIZE_THRESHOLD, nodeSize } from "@/lib/entity-network/graph-style";
import {
  isEdgeShown,
  isNodeShown,
  isRelationEdgeShown,
  NO_FILTER,
  type NetworkFilter,
} from "@/lib/entity-network/network-filter";
import type { EntityNetwork } from "@/lib/entity-network/types";

type NodeAttributes = { x: number; y: number; size: number; color: string; label: string; typeId: string };
/**
 * Co-occurrence links are undirected lines; relations are edges of their own
 * (`relation` set), coloured by type, with an arrowhead when the type is
 * directed, and labelled with the type on hover.
 */
type EdgeAttributes = {
  size: number;
  color: string;
  weight: number;
  type?: "line" | "arrow";
  label?: string | null;
  relation?: { typeId: string; name: string };
};
type NetworkGraph = Graph<NodeAttributes, EdgeAttributes>;

export type LayoutResult = { ms: number; settled: boolean };

export type NetworkRendererEvents = {
  onNodeClick?: (entityId: string) => void;
  onEdgeClick?: (edge: { source: string; target: string }) => void;
  onLayoutEnd?: (result: LayoutResult) => void;
};

export type NetworkRenderer = {
  /** Replaces the graph's data in place: nodes that stay keep their place, and the layout resumes from there. */
  setNetwork(network: EntityNetwork): void;
  setFilter(filter: NetworkFilter): void;
  /** The running (or last) layout's end. */
  layoutDone(): Promise<LayoutResult>;
  readonly sigma: Sigma<NodeAttributes, EdgeAttributes>;
  destroy(): void;
};

// Translucent, so that where many links cross the graph shows it by darkening; more transparent than this and thin links vanish.
const EDGE_COLOR = "rgba(110, 118, 130, 0.7)";
const EDGE_HIGHLIGHT_COLOR = "rgba(31, 63, 168, 0.75)";
const FADED_COLOR = "#e3e5e9";
/** How often the layout is checked for having settled. */
const SETTLE_CHECK_MS = 250;
/** Mean movement per check, as a share of the graph's extent, under which the layout counts as settled. */
const SETTLED_MOVEMENT = 0.0015;
const MIN_ITERATIONS_PER_CHECK = 3;
/**
 * Past this many links, pan and zoom draw nodes only until the camera stops,
 * and the layout animates the nodes alone (the links appear when it ends):
 * without a GPU (software WebGL) 20,000 links take about a second per frame
 * on this project's machines (bench/README.md), and even with one they are
 * a blur while moving.
 */
const HIDE_EDGES_ON_MOVE_FROM = 5_000;
const UNHOVER_DELAY_MS = 150;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/**
 * Up to this many entities every one is named at the default zoom (sigma still
 * leaves out a label that would overlap another); beyond it only the larger
 * nodes are, and zooming in names the rest.
 */
const LABEL_EVERY_NODE_UP_TO = 80;

/**
 * sigma's label, drawn to the left of its node when it would run past the
 * canvas's right edge (the camera fits the nodes, not their labels).
 */
const drawNodeLabel: NodeLabelDrawingFunction<NodeAttributes, EdgeAttributes> = (context, data, settings) => {
  if (!data.label) return;
  const size = settings.labelSize;
  context.fillStyle = settings.labelColor.color ?? "#000";
  context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const width = context.measureText(data.label).width;
  const right = data.x + data.size + 3;
  const x = right + width > context.canvas.clientWidth - 4 ? data.x - data.size - 3 - width : right;
  context.fillText(data.label, x, data.y + size / 3);
};

/** The layout's time budget: bigger graphs get longer, never so long that a reader waits on it. */
function layoutBudgetMs(order: number): number {
  return Math.min(8_000, 2_000 + order * 2);
}

export const edgeKey = (source: string, target: string) => `${source}~${target}`;
export const relationEdgeKey = (edge: { source: string; target: string; typeId: string }) =>
  `relation:${edge.typeId}:${edge.source}~${edge.target}`;

export function createNetworkRenderer(
  container: HTMLElement,
  network: EntityNetwork,
  events: NetworkRendererEvents = {},
): NetworkRenderer {
  // Mixed and multi: one undirected co-occurrence link and any number of typed relations per pair.
  const graph: NetworkGraph = new Graph({ type: "mixed", multi: true });
  let filter = NO_FILTER;
  let hovered: { node: string; neighbours: Set<string> } | null = null;
  let hoveredEdge: string | null = null;
  let layout: {
    supervisor: FA2Layout;
    timer: ReturnType<typeof setInterval>;
    done: Promise<LayoutResult>;
    countIteration: () => void;
  } | null = null;
  let drawNodesOnlyWhileLaying = false;
  let lastLayout: Promise<LayoutResult> = Promise.resolve({ ms: 0, settled: true });

  const sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, container, {
    enableEdgeEvents: true,
    // The view hides the graph (no size) while its table shows.
    allowInvalidContainer: true,
    labelRenderedSizeThreshold: LABEL_SIZE_THRESHOLD,
    labelFont: "system-ui, sans-serif",
    labelSize: 13,
    labelWeight: "600",
    labelColor: { color: "#1c1d1f" },
    labelDensity: 0.6,
    defaultDrawNodeLabel: drawNodeLabel,
    defaultEdgeColor: EDGE_COLOR,
    zIndex: true,
    renderEdgeLabels: true,
    edgeLabelFont: "system-ui, sans-serif",
    edgeLabelSize: 12,
    edgeLabelWeight: "600",
    minCameraRatio: 0.02,
    maxCameraRatio: 4,
    nodeReducer(node, data) {
      if (!isNodeShown(data, filter)) return { ...data, hidden: true };
      if (!hovered) return data;
      if (node === hovered.node) return { ...data, highlighted: true, zIndex: 2 };
      if (hovered.neighbours.has(node)) return { ...data, zIndex: 1, forceLabel: true };
      return { ...data, color: FADED_COLOR, label: null, zIndex: 0 };
    },
    edgeReducer(edge, data) {
      if (layout && drawNodesOnlyWhileLaying) return { ...data, hidden: true };
      const [source, target] = graph.extremities(edge);
      const ends = [graph.getNodeAttributes(source), graph.getNodeAttributes(target)] as const;
      const shown = data.relation
        ? isRelationEdgeShown(data.relation, [ends[0], ends[1]], filter)
        : isEdgeShown(data, [ends[0], ends[1]], filter);
      if (!shown) return { ...data, hidden: true };
      // A relation's type shows on hover (of the edge, or of one of its ends).
      const labelled =
        data.relation && (edge === hoveredEdge || (hovered && (source === hovered.node || target === hovered.node)));
      if (labelled) return { ...data, label: data.relation!.name, forceLabel: true, size: data.size + 1, zIndex: 2 };
      if (!hovered) return data;
      if (data.relation && (source === hovered.node || target === hovered.node)) return { ...data, zIndex: 2 };
      if (source === hovered.node || target === hovered.node) {
        return { ...data, color: EDGE_HIGHLIGHT_COLOR, zIndex: 1 };
      }
      return { ...data, hidden: true };
    },
  });

  // Leaving a node restores the whole graph, the costliest frame there is; moving straight on to
  // another node within this delay skips it.
  let unhover: ReturnType<typeof setTimeout> | undefined;
  sigma.on("enterNode", ({ node }) => {
    clearTimeout(unhover);
    hovered = { node, neighbours: new Set(graph.neighbors(node)) };
    container.style.cursor = "pointer";
    sigma.refresh({ skipIndexation: true });
  });
  sigma.on("leaveNode", () => {
    container.style.cursor = "";
    unhover = setTimeout(() => {
      hovered = null;
      sigma.refresh({ skipIndexation: true });
    }, UNHOVER_DELAY_MS);
  });
  sigma.on("enterEdge", ({ edge }) => {
    container.style.cursor = "pointer";
    hoveredEdge = edge;
    if (graph.getEdgeAttribute(edge, "relation")) sigma.refresh({ skipIndexation: true });
  });
  sigma.on("leaveEdge", ({ edge }) => {
    container.style.cursor = "";
    hoveredEdge = null;
    if (graph.getEdgeAttribute(edge, "relation")) sigma.refresh({ skipIndexation: true });
  });
  sigma.on("clickNode", ({ node }) => events.onNodeClick?.(node));
  sigma.on("clickEdge", ({ edge }) => {
    const [source, target] = graph.extremities(edge);
    events.onEdgeClick?.({ source, target });
  });

  function stopLayout() {
    if (!layout) return;
    clearInterval(layout.timer);
    graph.off("eachNodeAttributesUpdated", layout.countIteration);
    layout.supervisor.kill();
    layout = null;
  }

  function startLayout() {
    stopLayout();
    if (graph.order < 2) return;
    const supervisor = new FA2Layout(graph, {
      getEdgeWeight: "weight",
      settings: {
        ...inferSettings(graph),
        barnesHutOptimize: graph.order > 1_000,
        // A small graph has room to spare: keep nodes (and so their labels) apart rather than huddled.
        ...(graph.order <= LABEL_EVERY_NODE_UP_TO ? { adjustSizes: true, scalingRatio: 40 } : {}),
      },
    });
    const started = performance.now();
    const budget = layoutBudgetMs(graph.order);
    let previous = positions();
    let iterations = 0;
    // The supervisor writes every iteration's positions in one batch.
    const countIteration = () => iterations++;
    graph.on("eachNodeAttributesUpdated", countIteration);
    let finish: (result: LayoutResult) => void = () => {};
    const done = new Promise<LayoutResult>((resolve) => (finish = resolve));
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      // A check with too few iterations behind it says nothing (the worker may still be starting).
      if (iterations < MIN_ITERATIONS_PER_CHECK && elapsed < budget) return;
      iterations = 0;
      const current = positions();
      const settled = meanMovement(previous, current) < SETTLED_MOVEMENT;
      previous = current;
      if (!settled && elapsed < budget) return;
      stopLayout();
      if (drawNodesOnlyWhileLaying) sigma.refresh();
      const result = { ms: Math.round(elapsed), settled };
      finish(result);
      events.onLayoutEnd?.(result);
    }, SETTLE_CHECK_MS);
    layout = { supervisor, timer, done, countIteration };
    lastLayout = done;
    supervisor.start();
  }

  function positions(): Float64Array {
    const xy = new Float64Array(graph.order * 2);
    let i = 0;
    graph.forEachNode((_, a) => {
      xy[i++] = a.x;
      xy[i++] = a.y;
    });
    return xy;
  }

  function setNetwork(next: EntityNetwork) {
    stopLayout();
    hovered = null;
    hoveredEdge = null;
    const placed = new Map(graph.mapNodes((node, a) => [node, { x: a.x, y: a.y }] as const));
    const color = new Map(next.types.map((t) => [t.id, t.color]));
    const maxMentions = Math.max(1, ...next.nodes.map((n) => n.mentions));
    const maxWeight = next.edges.reduce((max, e) => Math.max(max, e.weight), 1);
    const spread = Math.sqrt(next.nodes.length) * 10;

    graph.clear();
    const big = next.edges.length > HIDE_EDGES_ON_MOVE_FROM;
    sigma.setSetting("hideEdgesOnMove", big);
    sigma.setSetting("hideLabelsOnMove", big);
    sigma.setSetting(
      "labelRenderedSizeThreshold",
      next.nodes.length <= LABEL_EVERY_NODE_UP_TO ? 0 : LABEL_SIZE_THRESHOLD,
    );
    drawNodesOnlyWhileLaying = big;
    next.nodes.forEach((node, i) => {
      graph.addNode(node.id, {
        // New nodes start on a sunflower spiral, biggest (first) in the middle, so the layout begins untangled.
        ...(placed.get(node.id) ?? {
          x: spread * Math.sqrt(i / next.nodes.length) * Math.cos(i * GOLDEN_ANGLE),
          y: spread * Math.sqrt(i / next.nodes.length) * Math.sin(i * GOLDEN_ANGLE),
        }),
        size: nodeSize(node.mentions, maxMentions),
        color: color.get(node.typeId) ?? "#8a8f98",
        label: node.name,
        typeId: node.typeId,
      });
    });
    for (const edge of next.edges) {
      if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
      graph.addUndirectedEdgeWithKey(edgeKey(edge.source, edge.target), edge.source, edge.target, {
        weight: edge.weight,
        size: edgeSize(edge.weight, maxWeight),
        color: EDGE_COLOR,
        type: "line",
      });
    }
    const relationTypes = new Map(next.relationTypes.map((t) => [t.id, t]));
    for (const edge of next.relationEdges ?? []) {
      const type = relationTypes.get(edge.typeId);
      if (!type || !graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
      const attributes: EdgeAttributes = {
        weight: edge.count,
        // Thick enough for sigma's arrowhead (sized by the edge's thickness) to read at a glance.
        size: 3.5 + Math.min(3, Math.log2(edge.count)),
        color: type.color,
        type: edge.directed ? "arrow" : "line",
        relation: { typeId: edge.typeId, name: edge.directed ? type.name : `${type.name} (both ways)` },
      };
      const key = relationEdgeKey(edge);
      if (edge.directed) graph.addDirectedEdgeWithKey(key, edge.source, edge.target, attributes);
      else graph.addUndirectedEdgeWithKey(key, edge.source, edge.target, attributes);
    }
    startLayout();
  }

  setNetwork(network);

  return {
    setNetwork,
    setFilter(next) {
      filter = next;
      sigma.refresh({ skipIndexation: true });
    },
    layoutDone: () => lastLayout,
    sigma,
    destroy() {
      clearTimeout(unhover);
      stopLayout();
      sigma.kill();
    },
  };
}

/** Mean distance moved per node between two position snapshots, relative to the graph's extent. */
function meanMovement(before: Float64Array, after: Float64Array): number {
  if (before.length !== after.length || after.length === 0) return Infinity;
  let moved = 0;
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < after.length; i += 2) {
    moved += Math.hypot(after[i] - before[i], after[i + 1] - before[i + 1]);
    minX = Math.min(minX, after[i]);
    maxX = Math.max(maxX, after[i]);
    minY = Math.min(minY, after[i + 1]);
    maxY = Math.max(maxY, after[i + 1]);
  }
  const extent = Math.max(maxX - minX, maxY - minY, 1e-9);
  return moved / (after.length / 2) / extent;
}
