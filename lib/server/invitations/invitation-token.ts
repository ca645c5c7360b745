import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A new invitation secret (the link's only secret) and the hash we store. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
