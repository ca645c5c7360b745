import type { Metadata } from "next";
import Link from "next/link";
import { EntityListControls } from "@/components/entities/entity-list-controls";
import { EntityTable } from "@/components/entities/entity-table";
import { requireWorkspacePage } from "@/lib/auth/page";
import { findEntities } from "@/lib/server/entities/find-entities";
import { findEntityTypes } from "@/lib/server/entity-types/find-entity-types";
import { entitySearchSchema } from "@/lib/validations/entity";

export const metadata: Metadata = { title: "Entities" };

/** The most entities listed at once; a search narrows the rest down. */
const LIMIT = 200;

type EntitiesPageProps = {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function EntitiesPage({ params, searchParams }: EntitiesPageProps) {
  const { workspaceId } = await params;
  await requireWorkspacePage(workspaceId, { returnTo: `/w/${workspaceId}/entities` });
  const raw = await searchParams;
  const parsed = entitySearchSchema.pick({ q: true, typeId: true }).safeParse({ q: raw.q, typeId: raw.type });
  const types = await findEntityTypes({ workspaceId, includeArchived: true });
  const q = parsed.success ? (parsed.data.q ?? "") : "";
  const type = parsed.success ? types.find((t) => t.id === parsed.data.typeId) : undefined;
  const found = await findEntities({ workspaceId, q: q || undefined, typeId: type?.id, limit: LIMIT + 1 });
  const archived = new Set(types.filter((t) => t.archivedAt).map((t) => t.id));
  const entities = found.slice(0, LIMIT).map((e) => ({
    id: e.id,
    name: e.name,
    aliases: e.aliases,
    type: { ...e.type, archived: archived.has(e.type.id) },
  }));
  const filtered = Boolean(q || type);

  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Entities</h1>
          <p>People, organizations, places and events tagged in this workspace’s articles.</p>
        </div>
        <Link className="button button-secondary" href={`/w/${workspaceId}/entities/network`}>
          Network view
        </Link>
      </div>
      <EntityListControls
        key={`${q}|${type?.id ?? ""}`}
        q={q}
        typeId={type?.id ?? ""}
        types={types.map((t) => ({ id: t.id, name: t.name, archived: Boolean(t.archivedAt) }))}
      />
      {entities.length ? (
        <>
          <p className="muted small" role="status">
            {found.length > LIMIT
              ? `Showing the first ${LIMIT} entities${filtered ? " that match" : ""}. Search to narrow them down.`
              : `${entities.length} ${entities.length === 1 ? "entity" : "entities"}${filtered ? " match" : ""}.`}
          </p>
          <EntityTable workspaceId={workspaceId} entities={entities} />
        </>
      ) : (
        <div className="card empty">
          {filtered ? (
            <>
              <p>
                No {type ? `${type.name} ` : ""}entity {q ? `matches “${q}”` : "yet"}.
              </p>
              <Link href={`/w/${workspaceId}/entities`}>Show all entities</Link>
            </>
          ) : (
            <p>No entities yet. They appear here as soon as someone tags a mention in an article.</p>
          )}
        </div>
      )}
    </div>
  );
}
