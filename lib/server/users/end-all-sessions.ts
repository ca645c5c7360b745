import "server-only";
import { db } from "@/lib/db";
import { recordActivity } from "@/lib/server/activity/record-activity";

/** Ends every session of the user at once by bumping their session version. */
export async function endAllSessions(options: { userId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: options.userId }, data: { sessionVersion: { increment: 1 } } });
    await recordActivity({
      tx,
      action: "user.signed_out_everywhere",
      actorId: options.userId,
      target: { type: "user", id: options.userId },
    });
  });
}
