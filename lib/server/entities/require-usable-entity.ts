import "server-only";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Refuses (422) an entity that is not a live, unmerged entity of the workspace. */
export async function requireUsableEntity(tx: Tx, workspaceId: string, entityId: string): Promise<void> {
  const entity = await tx.entity.findFirst({
    where: { id: entityId, workspaceId, deletedAt: null },
    select: { mergedIntoId: true },
  });
  if (!entity) {
    throw new AppError("UNPROCESSABLE", "That entity does not exist in this workspace.", {
      details: { fieldErrors: { entityId: ["That entity does not exist in this workspace."] } },
    });
  }
  if (entity.mergedIntoId) {
    throw new AppError("UNPROCESSABLE", "That entity was merged into another; tag the surviving entity.", {
      details: {
        fieldErrors: { entityId: ["That entity was merged into another."] },
        mergedIntoId: entity.mergedIntoId,
      },
    });
  }
}
