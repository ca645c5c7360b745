import { AddEntityTypeForm } from "./add-entity-type-form";
import { EntityTypeRow, type EntityTypeRowItem } from "./entity-type-row";

type EntityTypesManagerProps = { workspaceId: string; types: EntityTypeRowItem[] };

/** The workspace's entity types (archived ones dimmed, last) and a form to add one. */
export function EntityTypesManager({ workspaceId, types }: EntityTypesManagerProps) {
  return (
    <section className="card stack" aria-labelledby="entity-types-heading">
      <div>
        <h2 id="entity-types-heading">Entity types</h2>
        <p className="muted small">
          Types sort the entities tagged in articles. The shortcut is the key that applies a type in the reader.
          Archived types keep their entities but are no longer offered for new ones.
        </p>
      </div>
      {types.length ? (
        <ul className="entity-type-list" aria-label="Entity types">
          {types.map((type) => (
            <EntityTypeRow key={type.id} workspaceId={workspaceId} type={type} />
          ))}
        </ul>
      ) : (
        <p className="muted">No entity types yet.</p>
      )}
      <AddEntityTypeForm workspaceId={workspaceId} />
    </section>
  );
}
