import Link from "next/link";
import { EntityTypeChip } from "./entity-type-chip";

type EntityTableProps = {
  workspaceId: string;
  entities: { id: string; name: string; aliases: string[]; type: { name: string; color: string; archived: boolean } }[];
};

/** The entity catalog as a table: name (to the entity's page), type and aliases. */
export function EntityTable({ workspaceId, entities }: EntityTableProps) {
  return (
    <table className="table">
      <caption className="visually-hidden">Entities</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Aliases</th>
        </tr>
      </thead>
      <tbody>
        {entities.map((e) => (
          <tr key={e.id}>
            <td>
              <Link href={`/w/${workspaceId}/entities/${e.id}`}>{e.name}</Link>
            </td>
            <td>
              <EntityTypeChip type={e.type} archived={e.type.archived} />
            </td>
            <td>
              {e.aliases.length ? (
                <span className="entity-aliases-inline">{e.aliases.join(", ")}</span>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
