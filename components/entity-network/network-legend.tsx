import { useMemo } from "react";
import type { EntityNetwork } from "@/lib/entity-network/types";

type NetworkLegendProps = {
  network: EntityNetwork;
  hiddenTypes: ReadonlySet<string>;
  onToggle: (typeId: string) => void;
};

/** The legend of entity types, which is also the type filter: untick a type to hide its entities. */
export function NetworkLegend({ network, hiddenTypes, onToggle }: NetworkLegendProps) {
  const counts = useMemo(() => {
    const byType = new Map<string, number>();
    for (const n of network.nodes) byType.set(n.typeId, (byType.get(n.typeId) ?? 0) + 1);
    return byType;
  }, [network]);
  if (!network.types.length) return null;
  return (
    <div className="card network-legend">
      <fieldset>
        <legend>Types</legend>
        {network.types.map((t) => (
          <label key={t.id} className="network-legend-item">
            <input type="checkbox" checked={!hiddenTypes.has(t.id)} onChange={() => onToggle(t.id)} />
            <span className="entity-dot" style={{ background: t.color }} aria-hidden="true" />
            <span className="network-legend-name">{t.name}</span>
            <span className="muted small">{counts.get(t.id) ?? 0}</span>
          </label>
        ))}
      </fieldset>
      {network.relationTypes.length ? (
        <ul className="network-legend-relations" aria-label="Relation edges">
          {network.relationTypes.map((t) => (
            <li key={t.id}>
              <svg width="28" height="10" aria-hidden="true">
                <line x1="1" y1="5" x2={t.directed ? 20 : 27} y2="5" stroke={t.color} strokeWidth="2.5" />
                {t.directed ? <path d="M 19 1 L 27 5 L 19 9 z" fill={t.color} /> : null}
              </svg>
              <span className="network-legend-name">{t.name}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="muted small network-legend-note">
        Size: mentions. Grey lines: shared paragraphs (width: how many). Coloured arrows: relations, named on hover.
      </p>
    </div>
  );
}
