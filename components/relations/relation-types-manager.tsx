import { AddRelationTypeForm } from "./add-relation-type-form";
import type { EntityTypeOption } from "./relation-type-fields";
import { RELATION_TYPES_SECTION_ID } from "./relation-type-format";
import { RelationTypeRow, type RelationTypeRowItem } from "./relation-type-row";

type RelationTypesManagerProps = {
  workspaceId: string;
  types: RelationTypeRowItem[];
  entityTypes: EntityTypeOption[];
};

/** The workspace's relation types (archived ones dimmed, last) and a form to add one. */
export function RelationTypesManager({ workspaceId, types, entityTypes }: RelationTypesManagerProps) {
  return (
    <section id={RELATION_TYPES_SECTION_ID} className="card stack" aria-labelledby="relation-types-heading">
      <div>
        <h2 id="relation-types-heading">Relation types</h2>
        <p className="muted small">
          Types name the links drawn between two annotations in the reader (“leads”, “member of”). Checked entity types
          restrict what each end may be; none checked allows any annotation. The shortcut is the key that picks the type
          in the reader&apos;s link menu. Archived types keep their relations but are no longer offered for new ones.
        </p>
      </div>
      {types.length ? (
        <ul className="entity-type-list relation-type-list" aria-label="Relation types">
          {types.map((type) => (
            <RelationTypeRow key={type.id} workspaceId={workspaceId} type={type} entityTypes={entityTypes} />
          ))}
        </ul>
      ) : (
        <p className="muted">No relation types yet.</p>
      )}
      <AddRelationTypeForm workspaceId={workspaceId} entityTypes={entityTypes} />
    </section>
  );
}
