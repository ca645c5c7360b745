import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { bearerToken } from "@/lib/auth/api-token";
import { AppError, notFound } from "@/lib/errors";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Lets a scrape of /api/metrics through only with `Authorization: Bearer <METRICS_TOKEN>`.
 * Without METRICS_TOKEN the endpoint does not exist (404); a missing or wrong token is 401.
 */
export function authorizeMetricsScrape(authorization: string | null): void {
  const expected = process.env.METRICS_TOKEN;
  if (!expected) throw notFound();
  const given = bearerToken(authorization);
  if (given === null || !timingSafeEqual(digest(given), digest(expected))) {
    throw new AppError("UNAUTHENTICATED", "A valid metrics token is required.", {
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
}
