import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { EditEntityForm } from "@/components/entities/edit-entity-form";
import { EntityDetails } from "@/components/entities/entity-details";
import { EntityMentions } from "@/components/entities/entity-mentions";
import { MergeEntityControl } from "@/components/entities/merge-entity-control";
import { orNotFound, requireWorkspacePage } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { getEntity } from "@/lib/server/entities/get-entity";
import { findEntityTypes } from "@/lib/server/entity-types/find-entity-types";
import { findAnnotationVisibility } from "@/lib/server/assignments/visible-authors";
import { findEntityRelations } from "@/lib/server/relations/find-entity-relations";
import { EntityRelations } from "@/components/entities/entity-relations";

type EntityPageProps = {
  params: Promise<{ workspaceId: string; entityId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One lookup per request, shared by the metadata and the page. */
const loadEntity = cache((workspaceId: string, entityId: string, viewerId: string, role: Role) =>
  getEntity({ workspaceId, entityId, viewer: { id: viewerId, role } }),
);

export async function generateMetadata({ params }: EntityPageProps): Promise<Metadata> {
  const { workspaceId, entityId } = await params;
  const { user, membership } = await requireWorkspacePage(workspaceId);
  const entity = await orNotFound(loadEntity(workspaceId, entityId, user.id, membership.role));
  return { title: entity.name };
}

export default async function EntityPage({ params, searchParams }: EntityPageProps) {
  const { workspaceId, entityId } = await params;
  const { user, membership } = await requireWorkspacePage(workspaceId, {
    returnTo: `/w/${workspaceId}/entities/${entityId}`,
  });
  const entity = await orNotFound(loadEntity(workspaceId, entityId, user.id, membership.role));
  const mergedId = (await searchParams).merged;
  const canEdit = can(membership.role, "entity.update") && !entity.mergedIntoId;
  const canMerge = can(membership.role, "entity.merge") && !entity.mergedIntoId;
  const viewer = { id: user.id, role: membership.role };
  const [types, survivor, merged, relations] = await Promise.all([
    findEntityTypes({ workspaceId, includeArchived: true }),
    entity.mergedIntoId
      ? loadEntity(workspaceId, entity.mergedIntoId, user.id, membership.role).catch(() => null)
      : null,
    // Just merged here (the merge control's redirect): confirm it, naming the merged entity.
    typeof mergedId === "string" && mergedId
      ? loadEntity(workspaceId, mergedId, user.id, membership.role).catch(() => null)
      : null,
    findAnnotationVisibility({ workspaceId, viewer }).then((visibility) =>
      findEntityRelations({ workspaceId, entityId: entity.id, visibility }),
    ),
  ]);
  const typeArchived = types.some((t) => t.id === entity.type.id && t.archivedAt);

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small">
        <Link href={`/w/${workspaceId}/entities`}>Entities</Link>
      </nav>
      <div className="page-header">
        <h1>{entity.name}</h1>
      </div>
      {entity.mergedIntoId ? (
        <div className="alert alert-info" role="note">
          This entity was merged into{" "}
          <Link href={`/w/${workspaceId}/entities/${entity.mergedIntoId}`}>
            {survivor ? survivor.name : "another entity"}
          </Link>
          , which now holds its mentions and aliases.
        </div>
      ) : null}
      {merged?.mergedIntoId === entity.id ? (
        <div className="alert alert-success" role="status">
          Merged “{merged.name}” into {entity.name}.
        </div>
      ) : null}
      <div className={canEdit || canMerge ? "entity-layout" : undefined}>
        <div className="stack">
          <EntityDetails entity={entity} typeArchived={typeArchived} />
          <EntityRelations workspaceId={workspaceId} groups={relations} />
          <EntityMentions workspaceId={workspaceId} articles={entity.articles} />
        </div>
        {canEdit || canMerge ? (
          <div className="stack entity-sidebar">
            {canEdit ? (
              <EditEntityForm
                workspaceId={workspaceId}
                entity={{
                  id: entity.id,
                  name: entity.name,
                  typeId: entity.type.id,
                  aliases: entity.aliases,
                  description: entity.description,
                  externalId: entity.externalId,
                  version: entity.version,
                }}
                types={types.map((t) => ({ id: t.id, name: t.name, archived: Boolean(t.archivedAt) }))}
              />
            ) : null}
            {canMerge ? (
              <MergeEntityControl workspaceId={workspaceId} entity={{ id: entity.id, name: entity.name }} />
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
