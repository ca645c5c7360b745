import { EntityTypeChip } from "./entity-type-chip";
import { ExternalLink } from "./external-link";

type EntityDetailsProps = {
  entity: {
    aliases: string[];
    description: string | null;
    externalId: string | null;
    type: { name: string; color: string };
  };
  typeArchived: boolean;
};

/** An entity's catalog record: type, aliases, description and external reference. */
export function EntityDetails({ entity, typeArchived }: EntityDetailsProps) {
  return (
    <section className="card" aria-labelledby="details-heading">
      <h2 id="details-heading" className="visually-hidden">
        Details
      </h2>
      <dl className="entity-details">
        <dt>Type</dt>
        <dd>
          <EntityTypeChip type={entity.type} archived={typeArchived} />
        </dd>
        <dt>Aliases</dt>
        <dd>
          {entity.aliases.length ? (
            <ul className="entity-alias-list">
              {entity.aliases.map((alias) => (
                <li key={alias} className="badge">
                  {alias}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Description</dt>
        <dd className="entity-description">{entity.description || <span className="muted">None</span>}</dd>
        <dt>External reference</dt>
        <dd>
          {entity.externalId ? <ExternalLink externalId={entity.externalId} /> : <span className="muted">None</span>}
        </dd>
      </dl>
    </section>
  );
}
