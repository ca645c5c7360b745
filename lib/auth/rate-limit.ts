import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

const WINDOW_SECONDS = 15 * 60;

type Limiters = { byEmail: RateLimiterPrisma; byIp: RateLimiterPrisma };
let limiters: Limiters | undefined;

// Counters live in PostgreSQL (RateLimit table) so every app instance shares them.
function signInLimiters(): Limiters {
  limiters ??= {
    byEmail: new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimit",
      keyPrefix: "signin-email",
      points: Number(process.env.SIGNIN_EMAIL_LIMIT ?? 10),
      duration: WINDOW_SECONDS,
      clearExpiredByTimeout: false,
    }),
    byIp: new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimit",
      keyPrefix: "signin-ip",
      points: Number(process.env.SIGNIN_IP_LIMIT ?? 100),
      duration: WINDOW_SECONDS,
      clearExpiredByTimeout: false,
    }),
  };
  return limiters;
}

function retryAfterSeconds(res: RateLimiterRes | null): number {
  return Math.max(1, Math.ceil((res?.msBeforeNext ?? WINDOW_SECONDS * 1000) / 1000));
}

/** Throws 429 with Retry-After when the email or the IP has used up its failed sign-ins. */
export async function assertSignInAllowed(email: string, ip: string): Promise<void> {
  const { byEmail, byIp } = signInLimiters();
  const [emailRes, ipRes] = await Promise.all([byEmail.get(email.toLowerCase()), byIp.get(ip)]);
  for (const [res, limiter] of [
    [emailRes, byEmail],
    [ipRes, byIp],
  ] as const) {
    if (res && res.consumedPoints >= limiter.points) {
      const retryAfter = retryAfterSeconds(res);
      throw new AppError(
        "RATE_LIMITED",
        `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minutes.`,
        { headers: { "Retry-After": String(retryAfter) }, details: { retryAfter } },
      );
    }
  }
}

/** Counts one failed sign-in against the email and the IP. */
export async function recordFailedSignIn(email: string, ip: string): Promise<void> {
  const { byEmail, byIp } = signInLimiters();
  // consume() rejects once over the limit; the counter is still incremented.
  await Promise.allSettled([byEmail.consume(email.toLowerCase()), byIp.consume(ip)]);
}

/** Forgets an email's failed sign-ins after a successful one. */
export async function clearFailedSignIns(email: string): Promise<void> {
  await signInLimiters().byEmail.delete(email.toLowerCase());
}

/** The caller's IP as reported by the proxy in front of the app (Next.js sets x-forwarded-for). */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string {
  const read = (name: string) => {
    const v = headers instanceof Headers ? headers.get(name) : headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return read("x-forwarded-for")?.split(",")[0]?.trim() || read("x-real-ip")?.trim() || "unknown";
}
