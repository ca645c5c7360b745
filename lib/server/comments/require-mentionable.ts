import "server-only";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Refuses (422) mentions of anyone who is not a member of the workspace. */
export async function requireMentionable(tx: Tx, workspaceId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  const members = await tx.membership.findMany({
    where: { workspaceId, userId: { in: [...userIds] } },
    select: { userId: true },
  });
  if (members.length === userIds.length) return;
  const message = "You can only mention members of this workspace.";
  throw new AppError("UNPROCESSABLE", message, { details: { fieldErrors: { body: [message] } } });
}
