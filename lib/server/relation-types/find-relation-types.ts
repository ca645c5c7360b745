import "server-only";
import { db } from "@/lib/db";

export const relationTypeSelect = {
  id: true,
  name: true,
  inverseLabel: true,
  directed: true,
  sourceTypeIds: true,
  targetTypeIds: true,
  color: true,
  shortcut: true,
  archivedAt: true,
  version: true,
} as const;

export type RelationTypeView = {
  id: string;
  name: string;
  inverseLabel: string | null;
  directed: boolean;
  sourceTypeIds: string[];
  targetTypeIds: string[];
  color: string;
  shortcut: string | null;
  archivedAt: Date | null;
  version: number;
};

/** Returns the workspace's relation types in their display order, archived ones last. */
export async function findRelationTypes(options: {
  workspaceId: string;
  includeArchived?: boolean;
}): Promise<RelationTypeView[]> {
  return db.relationType.findMany({
    where: { workspaceId: options.workspaceId, ...(options.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { position: "asc" }, { name: "asc" }],
    select: relationTypeSelect,
  });
}
