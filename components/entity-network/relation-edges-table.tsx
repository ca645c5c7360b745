import Link from "next/link";
import type { EntityNetwork } from "@/lib/entity-network/types";

type RelationEdgesTableProps = {
  workspaceId: string;
  network: EntityNetwork;
  /** Only this relation type ("" for all). */
  typeId: string;
  hiddenTypes: ReadonlySet<string>;
};

const MAX_ROWS = 200;

/**
 * The typed, directed relations between entities ("Ahmad Massoud → leads →
 * National Resistance Front"), distinct from co-occurrence: each counts the
 * relations of that type between annotations of the two entities.
 */
export function RelationEdgesTable({ workspaceId, network, typeId, hiddenTypes }: RelationEdgesTableProps) {
  const nodes = new Map(network.nodes.map((n) => [n.id, n]));
  const types = new Map(network.relationTypes.map((t) => [t.id, t]));
  const rows = network.relationEdges.filter(
    (e) =>
      (!typeId || e.typeId === typeId) &&
      !hiddenTypes.has(nodes.get(e.source)?.typeId ?? "") &&
      !hiddenTypes.has(nodes.get(e.target)?.typeId ?? ""),
  );
  const entity = (id: string) => <Link href={`/w/${workspaceId}/entities/${id}`}>{nodes.get(id)?.name ?? "…"}</Link>;
  return (
    <table className="table" data-testid="network-relations">
      <caption className="network-caption">
        Relations <span className="muted small">({rows.length.toLocaleString("en")})</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">From</th>
          <th scope="col">Relation</th>
          <th scope="col">To</th>
          <th scope="col">Mentions</th>
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, MAX_ROWS).map((e) => {
          const type = types.get(e.typeId);
          return (
            <tr key={`${e.source}~${e.typeId}~${e.target}`}>
              <td>{entity(e.source)}</td>
              <td>
                <span className="relation-edge" style={{ borderColor: type?.color }}>
                  {e.directed ? `${type?.name ?? "?"} →` : `${type?.name ?? "?"} ↔`}
                </span>
              </td>
              <td>{entity(e.target)}</td>
              <td>{e.count}</td>
            </tr>
          );
        })}
        {!rows.length ? (
          <tr>
            <td colSpan={4} className="muted">
              No relations between these entities yet.
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
