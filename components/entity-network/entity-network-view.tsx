"use client";

import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import { api, ApiError } from "@/lib/client/api";
import type { NetworkFilter } from "@/lib/entity-network/network-filter";
import type { EntityNetwork } from "@/lib/entity-network/types";
import { EdgePassagesPanel, type SelectedEdge } from "./edge-passages-panel";
import { NetworkControls } from "./network-controls";
import { NetworkGraph } from "./network-graph";
import { NetworkLegend } from "./network-legend";
import { NetworkTable } from "./network-table";
import { RelationEdgesTable } from "./relation-edges-table";

type EntityNetworkViewProps = {
  workspaceId: string;
  articles: { id: string; title: string }[];
  initial: EntityNetwork;
};

/**
 * The entity network page's client side. Choosing an article asks the server
 * for that article's network; type and weight filters only hide what is
 * already loaded, so they apply at once without a new layout.
 */
export function EntityNetworkView({ workspaceId, articles, initial }: EntityNetworkViewProps) {
  const router = useRouter();
  const [articleId, setArticleId] = useState("");
  const [network, setNetwork] = useState(initial);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [hiddenTypes, setHiddenTypes] = useState<ReadonlySet<string>>(new Set());
  const [minWeight, setMinWeight] = useState(1);
  const [view, setView] = useState<"graph" | "table">("graph");
  const [selected, setSelected] = useState<SelectedEdge | null>(null);
  const [relationTypeId, setRelationTypeId] = useState("");
  const [cooccurrence, setCooccurrence] = useState(true);

  // Answers to an earlier choice of article that arrive late are dropped.
  const request = useRef(0);

  async function chooseArticle(id: string) {
    setArticleId(id);
    setSelected(null);
    setLoading(true);
    setError(null);
    const mine = ++request.current;
    try {
      const query = id ? `?articleId=${encodeURIComponent(id)}` : "";
      const next = await api<EntityNetwork>(`/api/workspaces/${workspaceId}/entity-network${query}`);
      if (mine === request.current) setNetwork(next);
    } catch (err) {
      if (mine === request.current) setError(err instanceof ApiError ? err.message : "Could not load the network.");
    } finally {
      if (mine === request.current) setLoading(false);
    }
  }

  const filter: NetworkFilter = useMemo(
    () => ({ hiddenTypes, minWeight, cooccurrence, relationTypeId }),
    [hiddenTypes, minWeight, cooccurrence, relationTypeId],
  );
  const names = useMemo(() => new Map(network.nodes.map((n) => [n.id, n.name])), [network]);
  const colors = useMemo(() => {
    const byType = new Map(network.types.map((t) => [t.id, t.color]));
    return new Map(network.nodes.map((n) => [n.id, byType.get(n.typeId) ?? "#8a8f98"]));
  }, [network]);
  const maxWeight = network.edges[0]?.weight ?? 1;

  const openEntity = useCallback(
    (id: string) => router.push(`/w/${workspaceId}/entities/${id}`),
    [router, workspaceId],
  );
  const openEdge = useCallback(
    (edge: { source: string; target: string }) =>
      setSelected({ ...edge, sourceName: names.get(edge.source) ?? "", targetName: names.get(edge.target) ?? "" }),
    [names],
  );

  return (
    <div className="stack">
      <NetworkControls
        articles={articles}
        articleId={articleId}
        onArticle={(id) => void chooseArticle(id)}
        minWeight={Math.min(minWeight, maxWeight)}
        maxWeight={maxWeight}
        onMinWeight={setMinWeight}
        view={view}
        onView={setView}
      />
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="network-layout" aria-busy={loading}>
        <div className="network-main">
          {network.nodes.length === 0 ? (
            <div className="card empty">
              <p>No entity is tagged in this article yet.</p>
            </div>
          ) : (
            <>
              {/* Kept mounted while the table shows, so coming back does not lay the graph out again. */}
              <NetworkGraph
                network={network}
                filter={filter}
                visible={view === "graph"}
                onNodeClick={openEntity}
                onEdgeClick={openEdge}
              />
              {view === "table" ? (
                <NetworkTable workspaceId={workspaceId} network={network} filter={filter} onEdge={openEdge} />
              ) : null}
              <div className="row network-relation-controls">
                <label>
                  Relation type{" "}
                  <select value={relationTypeId} onChange={(e) => setRelationTypeId(e.target.value)}>
                    <option value="">All relations</option>
                    {network.relationTypes.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <input type="checkbox" checked={cooccurrence} onChange={(e) => setCooccurrence(e.target.checked)} />{" "}
                  Show co-occurrence links
                </label>
              </div>
              <RelationEdgesTable
                workspaceId={workspaceId}
                network={network}
                typeId={relationTypeId}
                hiddenTypes={hiddenTypes}
              />
            </>
          )}
          {network.truncated ? (
            <p className="muted small">
              Only the {network.edges.length.toLocaleString("en")} strongest links are shown.
            </p>
          ) : null}
        </div>
        <aside className="network-side stack" aria-label="Legend and link details">
          <NetworkLegend
            network={network}
            hiddenTypes={hiddenTypes}
            onToggle={(typeId) =>
              setHiddenTypes((prev) => {
                const next = new Set(prev);
                if (!next.delete(typeId)) next.add(typeId);
                return next;
              })
            }
          />
          {selected ? (
            <EdgePassagesPanel
              key={`${selected.source}~${selected.target}~${articleId}`}
              workspaceId={workspaceId}
              edge={selected}
              articleId={articleId || undefined}
              colors={colors}
              onClose={() => setSelected(null)}
            />
          ) : (
            <p className="muted small network-hint">
              Hover an entity to see its links; click it to open its page, or click a link to read the passages where
              both appear.
            </p>
          )}
        </aside>
      </div>
    </div>
  );
}
