"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { shownRelationEdges, type NetworkFilter } from "@/lib/entity-network/network-filter";
import type { EntityNetwork } from "@/lib/entity-network/types";
import type { NetworkRenderer, NetworkRendererEvents } from "./network-renderer";

type NetworkGraphProps = {
  network: EntityNetwork;
  filter: NetworkFilter;
  /** False while the table view shows instead: the graph stays mounted, hidden, and keeps its layout. */
  visible: boolean;
  onNodeClick: (entityId: string) => void;
  onEdgeClick: (edge: { source: string; target: string }) => void;
};

/**
 * The network as a WebGL canvas. Sigma needs a browser, so it is loaded only
 * once mounted; the renderer is created once and then fed new data and
 * filters in place, keeping the camera and the nodes' places.
 */
export function NetworkGraph({ network, filter, visible, onNodeClick, onEdgeClick }: NetworkGraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const renderer = useRef<NetworkRenderer | null>(null);
  const events = useRef<NetworkRendererEvents>({});
  const latest = useRef({ network, filter });
  const [layout, setLayout] = useState<"loading" | "running" | "done" | "failed">("loading");
  const relations = useMemo(() => shownRelationEdges(network, filter), [network, filter]);

  useEffect(() => {
    latest.current = { network, filter };
    events.current.onNodeClick = onNodeClick;
    events.current.onEdgeClick = onEdgeClick;
  });

  useEffect(() => {
    let cancelled = false;
    import("./network-renderer")
      .then(({ createNetworkRenderer }) => {
        if (cancelled || !container.current) return;
        renderer.current = createNetworkRenderer(container.current, latest.current.network, {
          onNodeClick: (id) => events.current.onNodeClick?.(id),
          onEdgeClick: (edge) => events.current.onEdgeClick?.(edge),
          onLayoutEnd: () => setLayout("done"),
        });
        renderer.current.setFilter(latest.current.filter);
        setLayout("running");
      })
      .catch(() => !cancelled && setLayout("failed"));
    return () => {
      cancelled = true;
      renderer.current?.destroy();
      renderer.current = null;
    };
  }, []);

  useEffect(() => {
    if (!renderer.current) return;
    renderer.current.setNetwork(network);
    setLayout("running");
  }, [network]);

  useEffect(() => renderer.current?.setFilter(filter), [filter]);

  // A hidden container has no size; sigma measures it again once it shows.
  useEffect(() => {
    if (visible) renderer.current?.sigma.resize().refresh();
  }, [visible]);

  return (
    <div className="network-graph-frame" hidden={!visible}>
      <div
        ref={container}
        className="network-graph"
        data-testid="network-graph"
        data-layout={layout}
        role="img"
        aria-label={`Entity network: ${network.nodes.length} entities, ${network.edges.length} links. The table view lists them.`}
      />
      {/* What the canvas draws as typed edges, for screen readers (and tests): the same filter as the renderer. */}
      <ul className="visually-hidden" aria-label="Relation edges in the graph" data-testid="network-graph-relations">
        {relations.map((e) => (
          <li key={`${e.source}~${e.typeId}~${e.target}`} data-directed={e.directed} data-color={e.type.color}>
            {e.sourceName} {e.directed ? `→ ${e.type.name} →` : `↔ ${e.type.name} ↔`} {e.targetName}
          </li>
        ))}
      </ul>
      {layout === "running" ? (
        <p className="network-graph-status small muted" aria-hidden="true">
          Arranging…
        </p>
      ) : null}
      {layout === "failed" ? (
        <p className="network-graph-status small" role="alert">
          The graph could not be drawn in this browser (it needs WebGL). The table view lists the same network.
        </p>
      ) : null}
    </div>
  );
}
