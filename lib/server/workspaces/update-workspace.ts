import "server-only";
import { db } from "@/lib/db";
import { recordActivity } from "@/lib/server/activity/record-activity";

/** Renames a workspace and/or changes whether reviewers may review their own annotations. */
export async function updateWorkspace(options: {
  workspaceId: string;
  actorId: string;
  name?: string;
  selfReviewAllowed?: boolean;
}): Promise<{ id: string; name: string; selfReviewAllowed: boolean }> {
  return db.$transaction(async (tx) => {
    const workspace = await tx.workspace.update({
      where: { id: options.workspaceId, deletedAt: null },
      data: { name: options.name, selfReviewAllowed: options.selfReviewAllowed },
      select: { id: true, name: true, selfReviewAllowed: true },
    });
    await recordActivity({
      tx,
      action: "workspace.updated",
      actorId: options.actorId,
      workspaceId: workspace.id,
      target: { type: "workspace", id: workspace.id },
      data: {
        name: workspace.name,
        selfReviewAllowed: workspace.selfReviewAllowed,
        changed: [
          ...(options.name !== undefined ? ["name"] : []),
          ...(options.selfReviewAllowed !== undefined ? ["selfReviewAllowed"] : []),
        ],
      },
    });
    return workspace;
  });
}
