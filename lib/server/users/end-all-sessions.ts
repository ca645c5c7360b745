import "server-only";
import { db } from "@/lib/db";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { revokeAllAccess } from "@/lib/server/sessions/revoke-all-access";

/** Signs the user out everywhere: ends every session and revokes every API token of theirs (revokeAllAccess). */
export async function endAllSessions(options: { userId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    await revokeAllAccess({ tx, userId: options.userId });
    await recordActivity({
      tx,
      action: "user.signed_out_everywhere",
      actorId: options.userId,
      target: { type: "user", id: options.userId },
    });
  });
}
