import "server-only";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";

/**
 * Returns the user whose email and password match, or null. Unknown emails
 * take as long as wrong passwords, and both look the same to the caller.
 */
export async function verifyCredentials(options: { email: string; password: string }): Promise<{
  id: string;
  email: string;
  name: string;
  sessionVersion: number;
} | null> {
  const user = await db.user.findUnique({
    where: { email: options.email.toLowerCase() },
    select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true, disabledAt: true },
  });
  const ok = await verifyPassword(user?.passwordHash, options.password);
  if (!user || !ok || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
