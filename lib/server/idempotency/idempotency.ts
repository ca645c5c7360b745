import "server-only";
import { createHash } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The request header naming one user action. */
export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** How long the first answer to a key is kept. */
export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * One user's key for one request (method and path), and a digest of the
 * request's parsed body when the route gives it: the same key with another
 * body is refused rather than answered with the first body's result.
 */
export type IdempotencyClaim = { userId: string; key: string; scope: string; fingerprint?: string | null };

/** JSON with object keys sorted, so that two equal bodies give one digest whatever their key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** Thrown inside the creating transaction when the key already answered: the caller replays that answer. */
export class IdempotentReplay extends Error {
  constructor() {
    super("This Idempotency-Key already has an answer.");
  }
}

/**
 * The claim of a request, or null when it has no `Idempotency-Key`. A key is
 * 1–255 visible ASCII characters (a UUID per user action is usual); anything
 * else answers 400. With `body` (the parsed request body), a repeat of the
 * key must carry an equal body, else it answers 422.
 */
export function idempotencyClaim(req: Request, userId: string, body?: unknown): IdempotencyClaim | null {
  const key = req.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!KEY.test(key)) {
    throw new AppError("BAD_REQUEST", "The Idempotency-Key header must be 1 to 255 visible ASCII characters.");
  }
  const fingerprint = body === undefined ? null : createHash("sha256").update(stableJson(body)).digest("base64url");
  return { userId, key, scope: `${req.method.toUpperCase()} ${new URL(req.url).pathname}`, fingerprint };
}

/**
 * Claims the key inside the creating transaction, first thing. A repeat sent
 * while the first is still running waits here on the key's unique row until
 * the first commits, then finds the key taken and throws IdempotentReplay (if
 * the first rolled back, the repeat proceeds and creates). A key older than
 * {@link IDEMPOTENCY_TTL_HOURS} hours is taken over.
 */
export async function claimIdempotencyKey(tx: Tx, claim: IdempotencyClaim | null | undefined): Promise<void> {
  if (!claim) return;
  const claimed = await tx.$queryRaw<{ key: string }[]>`
    INSERT INTO "IdempotencyKey" ("userId", "key", "scope", "fingerprint", "createdAt")
    VALUES (${claim.userId}, ${claim.key}, ${claim.scope}, ${claim.fingerprint ?? null}, CURRENT_TIMESTAMP)
    ON CONFLICT ("userId", "key") DO UPDATE
      SET "scope" = EXCLUDED."scope", "fingerprint" = EXCLUDED."fingerprint", "status" = NULL, "body" = NULL, "createdAt" = EXCLUDED."createdAt"
      WHERE "IdempotencyKey"."createdAt" < CURRENT_TIMESTAMP - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
    RETURNING "key"`;
  if (claimed.length === 0) throw new IdempotentReplay();
  // The user's keys past their 24 hours go with their next claim: the table stays small.
  await tx.$executeRaw`
    DELETE FROM "IdempotencyKey"
    WHERE "userId" = ${claim.userId} AND "key" <> ${claim.key}
      AND "createdAt" < CURRENT_TIMESTAMP - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`;
}

/** Stores the answer of a claimed key, in the same transaction as what it created. */
export async function storeIdempotentAnswer(
  tx: Tx,
  claim: IdempotencyClaim | null | undefined,
  status: number,
  body: unknown,
): Promise<void> {
  if (!claim) return;
  await tx.idempotencyKey.update({
    where: { userId_key: { userId: claim.userId, key: claim.key } },
    data: { status, body: JSON.parse(JSON.stringify(body)) as Prisma.InputJsonValue },
  });
}

/** The stored first answer to this key, as a response; null when there is none (yet, or any more). */
export async function storedAnswer(claim: IdempotencyClaim): Promise<Response | null> {
  const row = await db.idempotencyKey.findFirst({
    where: {
      userId: claim.userId,
      key: claim.key,
      createdAt: { gte: new Date(Date.now() - IDEMPOTENCY_TTL_HOURS * 3_600_000) },
    },
    select: { scope: true, fingerprint: true, status: true, body: true },
  });
  if (!row) return null;
  if (row.scope !== claim.scope || (row.fingerprint && claim.fingerprint && row.fingerprint !== claim.fingerprint)) {
    throw new AppError("UNPROCESSABLE", "This Idempotency-Key was already used for another request.");
  }
  if (row.status === null) {
    throw new AppError("CONFLICT", "The first request with this Idempotency-Key is still being processed.");
  }
  return Response.json(row.body, { status: row.status, headers: { "Idempotent-Replayed": "true" } });
}

/**
 * Runs a creating request once per key: the stored first answer if there is
 * one, else `create(claim)`, which claims the key and stores its answer in its
 * own transaction (claimIdempotencyKey, storeIdempotentAnswer). A concurrent
 * repeat that lost the race gets the winner's answer.
 */
export async function idempotent(
  claim: IdempotencyClaim | null,
  create: (claim: IdempotencyClaim | null) => Promise<Response>,
): Promise<Response> {
  if (!claim) return create(null);
  const stored = await storedAnswer(claim);
  if (stored) return stored;
  try {
    return await create(claim);
  } catch (err) {
    if (!(err instanceof IdempotentReplay)) throw err;
    const replay = await storedAnswer(claim);
    if (!replay) throw new AppError("CONFLICT", "The first request with this Idempotency-Key did not finish.");
    return replay;
  }
}
