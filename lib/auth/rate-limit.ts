import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

const WINDOW_SECONDS = 15 * 60;
const SIGNUP_WINDOW_SECONDS = 60 * 60;
/** Set by scripts/server.mjs (CLIENT_IP_HEADER in scripts/client-address.mjs). */
const CLIENT_IP_HEADER = "x-marginalia-client-ip";

const limiters = new Map<string, RateLimiterPrisma>();

// Counters live in PostgreSQL (RateLimit table, through Prisma's client) so every app instance shares them.
function limiter(keyPrefix: string, points: number, duration: number): RateLimiterPrisma {
  let found = limiters.get(keyPrefix);
  if (!found) {
    found = new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimit",
      keyPrefix,
      points,
      duration,
      clearExpiredByTimeout: false,
    });
    limiters.set(keyPrefix, found);
  }
  return found;
}

const failedSignInsByEmail = () =>
  limiter("signin-email", Number(process.env.SIGNIN_EMAIL_LIMIT ?? 10), WINDOW_SECONDS);
const failedSignInsByIp = () => limiter("signin-ip", Number(process.env.SIGNIN_IP_LIMIT ?? 100), WINDOW_SECONDS);
// Wrong current passwords on the password-change form, per account; per IP they count as failed sign-ins.
const wrongPasswordsByUser = () =>
  limiter("password-change-user", Number(process.env.SIGNIN_EMAIL_LIMIT ?? 10), WINDOW_SECONDS);
const signUpsByIp = () => limiter("signup-ip", Number(process.env.SIGNUP_IP_LIMIT ?? 20), SIGNUP_WINDOW_SECONDS);
const requestsByApiToken = () =>
  limiter("api-token", Number(process.env.API_RATE_LIMIT ?? 600), Number(process.env.API_RATE_LIMIT_WINDOW ?? 60));

function rateLimited(
  msBeforeNext: number,
  message: (retryAfterSeconds: number) => string,
  details: Record<string, unknown> = {},
): AppError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError("RATE_LIMITED", message(retryAfter), {
    headers: { "Retry-After": String(retryAfter) },
    details: { retryAfter, ...details },
  });
}

const inMinutes = (seconds: number) => Math.ceil(seconds / 60);

/** Throws 429 when any of the keyed counters has used up its points (reads only; failures are counted elsewhere). */
async function assertUnderLimits(
  checks: ReadonlyArray<readonly [RateLimiterPrisma, string]>,
  message: (retryAfterSeconds: number) => string,
): Promise<void> {
  const results = await Promise.all(checks.map(([counter, key]) => counter.get(key)));
  results.forEach((res, i) => {
    if (res && res.consumedPoints >= checks[i][0].points) {
      throw rateLimited(res.msBeforeNext ?? WINDOW_SECONDS * 1000, message);
    }
  });
}

/** Counts one attempt; throws 429 with Retry-After once the key has used up its window. */
async function consumeOrRefuse(
  counter: RateLimiterPrisma,
  key: string,
  message: (retryAfterSeconds: number) => string,
  details?: Record<string, unknown>,
): Promise<void> {
  try {
    await counter.consume(key);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    throw rateLimited(err.msBeforeNext, message, details);
  }
}

/** Throws 429 with Retry-After when the email or the IP has used up its failed sign-ins. */
export async function assertSignInAllowed(email: string, ip: string): Promise<void> {
  await assertUnderLimits(
    [
      [failedSignInsByEmail(), email.toLowerCase()],
      [failedSignInsByIp(), ip],
    ],
    (s) => `Too many failed sign-ins. Try again in ${inMinutes(s)} minutes.`,
  );
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
  // consume() rejects once over the limit; the counter is still incremented.
  await Promise.allSettled([failedSignInsByEmail().consume(email.toLowerCase()), failedSignInsByIp().consume(ip)]);
}

/** Forgets an email's failed sign-ins after a successful one. */
export async function clearFailedSignIns(email: string): Promise<void> {
  await failedSignInsByEmail().delete(email.toLowerCase());
}

/** Throws 429 with Retry-After when the account or the IP has used up its wrong passwords (as for sign-in). */
export async function assertPasswordChangeAllowed(userId: string, ip: string): Promise<void> {
  await assertUnderLimits(
    [
      [wrongPasswordsByUser(), userId],
      [failedSignInsByIp(), ip],
    ],
    (s) => `Too many wrong passwords. Try again in ${inMinutes(s)} minutes.`,
  );
}

/** Counts one wrong current password against the account and the IP. */
export async function recordFailedPasswordChange(userId: string, ip: string): Promise<void> {
  await Promise.allSettled([wrongPasswordsByUser().consume(userId), failedSignInsByIp().consume(ip)]);
}

/** Forgets the account's wrong passwords after a successful change. */
export async function clearFailedPasswordChanges(userId: string): Promise<void> {
  await wrongPasswordsByUser().delete(userId);
}

/** Counts one sign-up attempt from the IP; throws 429 with Retry-After past SIGNUP_IP_LIMIT an hour. */
export async function consumeSignUp(ip: string): Promise<void> {
  await consumeOrRefuse(signUpsByIp(), ip, (s) => `Too many sign-ups. Try again in ${inMinutes(s)} minutes.`);
}

/** Counts one request made with an API token; throws 429 with Retry-After once the token has used up its window. */
export async function consumeApiRequest(tokenId: string): Promise<void> {
  const counter = requestsByApiToken();
  await consumeOrRefuse(counter, tokenId, (s) => `Too many requests with this API token. Try again in ${s} seconds.`, {
    limit: counter.points,
  });
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
