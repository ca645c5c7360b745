import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** Returns a live workspace by id; callers have already checked membership. */
export async function getWorkspace(options: {
  workspaceId: string;
}): Promise<{ id: string; name: string; selfReviewAllowed: boolean; createdAt: Date }> {
  const workspace = await db.workspace.findFirst({
    where: { id: options.workspaceId, deletedAt: null },
    select: { id: true, name: true, selfReviewAllowed: true, createdAt: true },
  });
  if (!workspace) throw notFound("Workspace");
  return workspace;
}
