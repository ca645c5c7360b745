import Link from "next/link";
import { useMemo } from "react";
import { filterNetwork, type NetworkFilter } from "@/lib/entity-network/network-filter";
import type { EntityNetwork } from "@/lib/entity-network/types";
import { EntityTypeChip } from "@/components/entities/entity-type-chip";

/** Rows listed per table: enough to read, few enough for a keyboard to get through. */
const MAX_ENTITY_ROWS = 200;
const MAX_LINK_ROWS = 100;

type NetworkTableProps = {
  workspaceId: string;
  network: EntityNetwork;
  filter: NetworkFilter;
  onEdge: (edge: { source: string; target: string }) => void;
};

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/**
 * The network as tables, for keyboards and screen readers (the graph is a
 * canvas): the entities by mentions, and the strongest links, each of which
 * opens its passages like a click on the graph's edge.
 */
export function NetworkTable({ workspaceId, network, filter, onEdge }: NetworkTableProps) {
  const shown = useMemo(() => filterNetwork(network, filter), [network, filter]);
  const types = useMemo(() => new Map(network.types.map((t) => [t.id, t])), [network]);
  const names = useMemo(() => new Map(network.nodes.map((n) => [n.id, n.name])), [network]);
  const degree = useMemo(() => {
    const links = new Map<string, number>();
    for (const e of shown.edges) {
      links.set(e.source, (links.get(e.source) ?? 0) + 1);
      links.set(e.target, (links.get(e.target) ?? 0) + 1);
    }
    return links;
  }, [shown]);

  return (
    <div className="stack network-tables">
      <table className="table" data-testid="network-entities">
        <caption className="network-caption">
          Entities{" "}
          <span className="muted small">
            ({shown.nodes.length > MAX_ENTITY_ROWS ? `the ${MAX_ENTITY_ROWS} most mentioned of ` : ""}
            {shown.nodes.length.toLocaleString("en")})
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Mentions</th>
            <th scope="col">Links</th>
          </tr>
        </thead>
        <tbody>
          {shown.nodes.slice(0, MAX_ENTITY_ROWS).map((n) => {
            const type = types.get(n.typeId);
            return (
              <tr key={n.id}>
                <th scope="row">
                  <Link href={`/w/${workspaceId}/entities/${n.id}`}>{n.name}</Link>
                </th>
                <td>{type ? <EntityTypeChip type={type} /> : null}</td>
                <td>{n.mentions.toLocaleString("en")}</td>
                <td>{(degree.get(n.id) ?? 0).toLocaleString("en")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className="table" data-testid="network-links">
        <caption className="network-caption">
          Strongest links{" "}
          <span className="muted small">
            ({shown.edges.length > MAX_LINK_ROWS ? `the ${MAX_LINK_ROWS} strongest of ` : ""}
            {shown.edges.length.toLocaleString("en")})
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Entities</th>
            <th scope="col">Shared paragraphs</th>
            <th scope="col">
              <span className="visually-hidden">Passages</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.edges.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                No two entities share a paragraph{filter.minWeight > 1 ? " that often" : ""}.
              </td>
            </tr>
          ) : null}
          {shown.edges.slice(0, MAX_LINK_ROWS).map((e) => {
            const pair = `${names.get(e.source)} and ${names.get(e.target)}`;
            return (
              <tr key={`${e.source}~${e.target}`}>
                <th scope="row">{pair}</th>
                <td>{plural(e.weight, "paragraph", "paragraphs")}</td>
                <td>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => onEdge(e)}
                    aria-label={`Passages with ${pair}`}
                  >
                    Passages
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
