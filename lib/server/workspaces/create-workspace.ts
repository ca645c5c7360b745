import "server-only";
import { db } from "@/lib/db";
import { defaultEntityTypes } from "@/lib/entities/default-entity-types";
import { newId } from "@/lib/ids";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { createDefaultRelationTypes } from "@/lib/server/relation-types/save-relation-type";

/** Creates a workspace with its creator as its first owner and the default entity and relation types. */
export async function createWorkspace(options: {
  userId: string;
  name: string;
}): Promise<{ id: string; name: string }> {
  return db.$transaction(async (tx) => {
    const workspace = await tx.workspace.create({
      data: { id: newId(), name: options.name, createdById: options.userId },
      select: { id: true, name: true },
    });
    await tx.membership.create({
      data: { id: newId(), workspaceId: workspace.id, userId: options.userId, role: "OWNER" },
    });
    await tx.entityType.createMany({
      data: defaultEntityTypes.map((type, position) => ({ id: newId(), workspaceId: workspace.id, position, ...type })),
    });
    await createDefaultRelationTypes(tx, workspace.id);
    await recordActivity({
      tx,
      action: "workspace.created",
      actorId: options.userId,
      workspaceId: workspace.id,
      target: { type: "workspace", id: workspace.id },
      data: { name: workspace.name },
    });
    return workspace;
  });
}
