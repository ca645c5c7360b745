// Every environment variable Marginalia reads, in one zod schema: `npm start` validates the
// environment with it before anything else and stops on the first wrong value with one line.
// The README's configuration table is tested against it (lib/config/env-schema.test.ts).
// Plain zod, no server-only: scripts/start.mjs loads it with tsx.
import { z } from "zod";
import { parseTrustProxy } from "../../scripts/client-address.mjs";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** An environment value: unset and empty both mean "not set". */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const positiveInt = (what: string) =>
  z
    .string()
    .regex(/^\d+$/, `must be ${what}`)
    .refine((v) => Number(v) > 0, `must be ${what}`);

const port = z
  .string()
  .regex(/^\d+$/, "must be a port number (1–65535)")
  .refine((v) => Number(v) >= 1 && Number(v) <= 65535, "must be a port number (1–65535)");

const httpUrl = z.string().refine((v) => {
  try {
    return ["http:", "https:"].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, "must be a URL");

const postgresUrl = z.string().refine((v) => {
  try {
    return ["postgres:", "postgresql:"].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, "must be a postgresql:// URL");

const booleanFlag = z.enum(["true", "false"], { error: 'must be "true" or "false"' });

/** `off`, `daily`, or every N hours (`6h`). */
export const BACKUP_SCHEDULE_PATTERN = /^(off|daily|[1-9]\d*h)$/;

/** The variables, each with what the README's table says of it. */
export const envSchema = z.object({
  DATABASE_URL: optional(postgresUrl),
  DATABASE_POOL_MAX: optional(positiveInt("a positive whole number")),
  NEXTAUTH_SECRET: optional(z.string().min(16, "must be at least 16 characters")),
  NEXTAUTH_URL: optional(httpUrl),
  TRUST_PROXY: optional(
    z.string().superRefine((value, ctx) => {
      try {
        parseTrustProxy(value);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message.replace(/^TRUST_PROXY /, "") });
      }
    }),
  ),
  PORT: optional(port),
  HTTP_KEEP_ALIVE_MS: optional(positiveInt("a positive number of milliseconds")),
  SHUTDOWN_DELAY_MS: optional(z.string().regex(/^\d+$/, "must be a number of milliseconds")),
  MARGINALIA_DATA_DIR: optional(z.string()),
  EMBEDDED_DB_PORT: optional(port),
  SEED_DEMO: optional(booleanFlag),
  SIGNIN_EMAIL_LIMIT: optional(positiveInt("a positive whole number")),
  SIGNIN_IP_LIMIT: optional(positiveInt("a positive whole number")),
  SIGNUP_IP_LIMIT: optional(positiveInt("a positive whole number")),
  API_RATE_LIMIT: optional(positiveInt("a positive whole number")),
  API_RATE_LIMIT_WINDOW: optional(positiveInt("a positive number of seconds")),
  GITHUB_ID: optional(z.string()),
  GITHUB_SECRET: optional(z.string()),
  OIDC_ISSUER: optional(httpUrl),
  OIDC_CLIENT_ID: optional(z.string()),
  OIDC_CLIENT_SECRET: optional(z.string()),
  OIDC_NAME: optional(z.string()),
  TEST_DATABASE_URL: optional(postgresUrl),
  PLAYWRIGHT_CHROMIUM_PATH: optional(z.string()),
  MARGINALIA_LIVE_TRANSPORT: optional(z.enum(["listen", "poll"], { error: 'must be "listen" or "poll"' })),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })),
  LOG_FORMAT: optional(z.enum(["json", "pretty"], { error: 'must be "json" or "pretty"' })),
  METRICS_TOKEN: optional(z.string().min(16, "must be at least 16 characters")),
  BACKUP_DIR: optional(z.string()),
  BACKUP_SCHEDULE: optional(
    z.string().regex(BACKUP_SCHEDULE_PATTERN, 'must be "off", "daily" or a number of hours such as "6h"'),
  ),
  BACKUP_KEEP: optional(positiveInt("a positive whole number")),
  BACKUP_FORMAT: optional(z.enum(["auto", "pgdump", "logical"], { error: 'must be "auto", "pgdump" or "logical"' })),
  PG_BIN_DIR: optional(z.string()),
  CAPTURE_ALLOWED_HOSTS: optional(
    z.string().regex(/^[\w.:\[\]-]+(\s*,\s*[\w.:\[\]-]+)*$/, "must be host names or host:port, separated by commas"),
  ),
  CAPTURE_ALLOWED_PORTS: optional(
    z
      .string()
      .regex(/^\d{1,5}(\s*,\s*\d{1,5})*$/, "must be port numbers separated by commas")
      .refine((v) => v.split(",").every((p) => Number(p) > 0 && Number(p) < 65536), "must be ports from 1 to 65535"),
  ),
});

export type Env = z.infer<typeof envSchema>;

/** The names of the variables the schema knows. */
export const envVariableNames = Object.keys(envSchema.shape) as (keyof Env)[];

/**
 * Checks `env` against the schema. Returns null when it is valid, else one line
 * naming the first wrong variable and its value, e.g.
 * `NEXTAUTH_URL must be a URL, got "localhost:3000"`. Secrets are not repeated.
 */
export function envProblem(env: Record<string, string | undefined>): string | null {
  const result = envSchema.safeParse(env);
  if (result.success) return null;
  const issue = result.error.issues[0];
  const name = String(issue.path[0]);
  const secret = /SECRET|TOKEN|PASSWORD/.test(name) || name.endsWith("DATABASE_URL");
  const got = secret ? "" : `, got ${JSON.stringify(env[name])}`;
  return `${name} ${issue.message}${got}`;
}
