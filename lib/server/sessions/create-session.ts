import "server-only";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";

/**
 * Starts a session of the user at sign-in and returns its id, which the
 * session token carries (`sid`) and every request checks. The session ends
 * `maxAgeSeconds` from now however often the cookie is renewed. The user's
 * sessions that have already ended are deleted on the way.
 */
export async function createSession(options: { userId: string; maxAgeSeconds: number }): Promise<string> {
  const id = newId();
  const now = Date.now();
  await db.$transaction([
    db.session.deleteMany({ where: { userId: options.userId, expiresAt: { lte: new Date(now) } } }),
    db.session.create({
      data: { id, userId: options.userId, expiresAt: new Date(now + options.maxAgeSeconds * 1000) },
    }),
  ]);
  return id;
}
