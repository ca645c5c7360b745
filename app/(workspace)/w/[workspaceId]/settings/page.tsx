import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EntityTypesManager } from "@/components/entities/entity-types-manager";
import { RelationTypesManager } from "@/components/relations/relation-types-manager";
import { BackupStatus } from "@/components/workspace/backup-status";
import { RenameWorkspaceForm } from "@/components/workspace/rename-workspace-form";
import { WorkspaceArchiveSection } from "@/components/workspace/workspace-archive-section";
import { requireWorkspacePage } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { findLastBackup } from "@/lib/server/backups/find-last-backup";
import { findEntityTypes } from "@/lib/server/entity-types/find-entity-types";
import { findRelationTypes } from "@/lib/server/relation-types/find-relation-types";
import { getWorkspace } from "@/lib/server/workspaces/get-workspace";

export const metadata: Metadata = { title: "Workspace settings" };

type SettingsPageProps = { params: Promise<{ workspaceId: string }> };

export default async function SettingsPage({ params }: SettingsPageProps) {
  const { workspaceId } = await params;
  const { membership } = await requireWorkspacePage(workspaceId);
  const canRename = can(membership.role, "workspace.update");
  const canManageTypes = can(membership.role, "entityType.manage");
  const canManageRelationTypes = can(membership.role, "relationType.manage");
  if (!canRename && !canManageTypes && !canManageRelationTypes) notFound();
  const isOwner = membership.role === "OWNER";
  const [workspace, types, relationTypes, lastBackup] = await Promise.all([
    canRename ? getWorkspace({ workspaceId }) : null,
    canManageTypes || canManageRelationTypes ? findEntityTypes({ workspaceId, includeArchived: true }) : null,
    canManageRelationTypes ? findRelationTypes({ workspaceId, includeArchived: true }) : null,
    isOwner ? findLastBackup() : null,
  ]);
  const entityTypes = (types ?? []).map((t) => ({
    id: t.id,
    name: t.name,
    color: t.color,
    shortcut: t.shortcut,
    archived: Boolean(t.archivedAt),
    version: t.version,
  }));
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <h1>Settings</h1>
      {workspace ? (
        <section className="card stack" aria-labelledby="workspace-heading">
          <h2 id="workspace-heading">Workspace</h2>
          <RenameWorkspaceForm workspaceId={workspaceId} name={workspace.name} />
        </section>
      ) : null}
      {canManageTypes ? <EntityTypesManager workspaceId={workspaceId} types={entityTypes} /> : null}
      {relationTypes ? (
        <RelationTypesManager
          workspaceId={workspaceId}
          types={relationTypes.map(({ archivedAt, ...t }) => ({ ...t, archived: Boolean(archivedAt) }))}
          entityTypes={entityTypes}
        />
      ) : null}
      {isOwner ? <BackupStatus lastBackup={lastBackup} /> : null}
      {can(membership.role, "workspace.archive") ? <WorkspaceArchiveSection workspaceId={workspaceId} /> : null}
    </div>
  );
}
