import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

const WINDOW_SECONDS = 15 * 60;
/** Set by scripts/server.mjs (CLIENT_IP_HEADER in scripts/client-address.mjs). */
const CLIENT_IP_HEADER = "x-marginalia-client-ip";

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

/** Whether the email and the IP may still try to sign in (assertSignInAllowed without the error). */
export async function isSignInAllowed(email: string, ip: string): Promise<boolean> {
  try {
    await assertSignInAllowed(email, ip);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === "RATE_LIMITED") return false;
    throw err;
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

let passwordLimiter: RateLimiterPrisma | undefined;

// Wrong current passwords on the password-change form, per account; per IP they count as failed sign-ins.
function passwordChangeLimiter(): RateLimiterPrisma {
  passwordLimiter ??= new RateLimiterPrisma({
    storeClient: db,
    tableName: "rateLimit",
    keyPrefix: "password-change-user",
    points: Number(process.env.SIGNIN_EMAIL_LIMIT ?? 10),
    duration: WINDOW_SECONDS,
    clearExpiredByTimeout: false,
  });
  return passwordLimiter;
}

/** Throws 429 with Retry-After when the account or the IP has used up its wrong passwords (as for sign-in). */
export async function assertPasswordChangeAllowed(userId: string, ip: string): Promise<void> {
  const byUser = passwordChangeLimiter();
  const { byIp } = signInLimiters();
  const [userRes, ipRes] = await Promise.all([byUser.get(userId), byIp.get(ip)]);
  for (const [res, limiter] of [
    [userRes, byUser],
    [ipRes, byIp],
  ] as const) {
    if (res && res.consumedPoints >= limiter.points) {
      const retryAfter = retryAfterSeconds(res);
      throw new AppError(
        "RATE_LIMITED",
        `Too many wrong passwords. Try again in ${Math.ceil(retryAfter / 60)} minutes.`,
        { headers: { "Retry-After": String(retryAfter) }, details: { retryAfter } },
      );
    }
  }
}

/** Counts one wrong current password against the account and the IP. */
export async function recordFailedPasswordChange(userId: string, ip: string): Promise<void> {
  await Promise.allSettled([passwordChangeLimiter().consume(userId), signInLimiters().byIp.consume(ip)]);
}

/** Forgets the account's wrong passwords after a successful change. */
export async function clearFailedPasswordChanges(userId: string): Promise<void> {
  await passwordChangeLimiter().delete(userId);
}

const SIGNUP_WINDOW_SECONDS = 60 * 60;
let signUpLimiter: RateLimiterPrisma | undefined;

/** Counts one sign-up attempt from the IP; throws 429 with Retry-After past SIGNUP_IP_LIMIT an hour. */
export async function consumeSignUp(ip: string): Promise<void> {
  signUpLimiter ??= new RateLimiterPrisma({
    storeClient: db,
    tableName: "rateLimit",
    keyPrefix: "signup-ip",
    points: Number(process.env.SIGNUP_IP_LIMIT ?? 20),
    duration: SIGNUP_WINDOW_SECONDS,
    clearExpiredByTimeout: false,
  });
  try {
    await signUpLimiter.consume(ip);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `Too many sign-ups. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, {
      headers: { "Retry-After": String(retryAfter) },
      details: { retryAfter },
    });
  }
}

let apiLimiter: RateLimiterPrisma | undefined;

// Like the sign-in counters, in PostgreSQL through Prisma's client, so every app instance shares them.
function apiTokenLimiter(): RateLimiterPrisma {
  apiLimiter ??= new RateLimiterPrisma({
    storeClient: db,
    tableName: "rateLimit",
    keyPrefix: "api-token",
    points: Number(process.env.API_RATE_LIMIT ?? 600),
    duration: Number(process.env.API_RATE_LIMIT_WINDOW ?? 60),
    clearExpiredByTimeout: false,
  });
  return apiLimiter;
}

/** Counts one request made with an API token; throws 429 with Retry-After once the token has used up its window. */
export async function consumeApiRequest(tokenId: string): Promise<void> {
  const limiter = apiTokenLimiter();
  try {
    await limiter.consume(tokenId);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `Too many requests with this API token. Try again in ${retryAfter} seconds.`, {
      headers: { "Retry-After": String(retryAfter) },
      details: { retryAfter, limit: limiter.points },
    });
  }
}

/**
 * The caller's address, as the web server (scripts/server.mjs) resolved it from the socket and,
 * with TRUST_PROXY, the trusted proxies' X-Forwarded-For; it replaces any value the client sent.
 * A client's own X-Forwarded-For is never read here. "unknown" when the app runs without that server.
 */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers[CLIENT_IP_HEADER];
  return (Array.isArray(value) ? value[0] : value)?.trim() || "unknown";
}
