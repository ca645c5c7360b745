import "server-only";
import { db } from "@/lib/db";

/** Ends one session of the user (sign-out): from the next request on, its token is signed out everywhere. */
export async function endSession(options: { userId: string; sessionId: string }): Promise<void> {
  await db.session.deleteMany({ where: { id: options.sessionId, userId: options.userId } });
}
