import "server-only";
import { db } from "@/lib/db";
import { recordActivity } from "@/lib/server/activity/record-activity";

/** Renames a workspace. */
export async function updateWorkspace(options: {
  workspaceId: string;
  actorId: string;
  name: string;
}): Promise<{ id: string; name: string }> {
  return db.$transaction(async (tx) => {
    const workspace = await tx.workspace.update({
      where: { id: options.workspaceId, deletedAt: null },
      data: { name: options.name },
      select: { id: true, name: true },
    });
    await recordActivity({
      tx,
      action: "workspace.updated",
      actorId: options.actorId,
      workspaceId: workspace.id,
      target: { type: "workspace", id: workspace.id },
      data: { name: workspace.name },
    });
    return workspace;
  });
}
