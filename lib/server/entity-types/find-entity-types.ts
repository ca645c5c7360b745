import "server-only";
import { db } from "@/lib/db";

export type EntityTypeView = {
  id: string;
  name: string;
  color: string;
  shortcut: string | null;
  archivedAt: Date | null;
  version: number;
};

/** Returns the workspace's entity types in their display order, archived ones last. */
export async function findEntityTypes(options: {
  workspaceId: string;
  includeArchived?: boolean;
}): Promise<EntityTypeView[]> {
  return db.entityType.findMany({
    where: { workspaceId: options.workspaceId, ...(options.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { position: "asc" }, { name: "asc" }],
    select: { id: true, name: true, color: true, shortcut: true, archivedAt: true, version: true },
  });
}
