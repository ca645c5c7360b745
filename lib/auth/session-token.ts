import "server-only";
import { decode } from "next-auth/jwt";
import { authSecret } from "@/lib/auth/secret";
import { createLru } from "@/lib/lru";

/**
 * What Marginalia needs from a session token: the user, the session version it
 * was issued for and the session it belongs to (a Session row; see createSession).
 */
export type SessionClaims = { sub: string; sv: number; sid: string };

type Decoded = SessionClaims & { exp?: number; nbf?: number };

/** next-auth's clock tolerance when it decodes a session token, in seconds. */
const CLOCK_TOLERANCE_S = 15;
const MAX_TOKENS = 10_000;

// next-auth's decode derives the encryption key with HKDF on every call, which made decoding the
// largest CPU cost of an API request after the database. A token's claims never change (it is
// authenticated encryption), so they are kept per token string and per secret; their times are
// checked again on every use, as jose does. Whether the session is still live is the database's call.
const decoded = createLru<string, Decoded>({ maxWeight: MAX_TOKENS });
let decodedWith: string | undefined;

/** The claims of a session token, or null when it does not decrypt, has expired or lacks them. */
export async function decodeSessionToken(token: string): Promise<SessionClaims | null> {
  const claims = await decodedClaims(token).catch(() => null);
  if (!claims) return null;
  const now = Math.floor(Date.now() / 1000);
  if (claims.exp !== undefined && claims.exp <= now - CLOCK_TOLERANCE_S) return null;
  if (claims.nbf !== undefined && claims.nbf > now + CLOCK_TOLERANCE_S) return null;
  return { sub: claims.sub, sv: claims.sv, sid: claims.sid };
}

/** The token's claims from memory, else decrypted by next-auth; throws when it does not decrypt. */
async function decodedClaims(token: string): Promise<Decoded | null> {
  const secret = authSecret();
  if (secret !== decodedWith) {
    decoded.clear();
    decodedWith = secret;
  }
  const known = decoded.get(token);
  if (known) return known;
  const payload = await decode({ token, secret });
  if (!payload || typeof payload.sub !== "string" || !payload.sub || typeof payload.sv !== "number") return null;
  if (typeof payload.sid !== "string" || !payload.sid) return null;
  const claims = {
    sub: payload.sub,
    sv: payload.sv,
    sid: payload.sid,
    exp: numberOrUndefined(payload.exp),
    nbf: numberOrUndefined(payload.nbf),
  };
  decoded.set(token, claims);
  return claims;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}
