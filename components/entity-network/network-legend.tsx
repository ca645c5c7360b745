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
      <p className="muted small network-legend-note">Size: mentions. Line width: shared paragraphs.</p>
    </div>
  );
}
