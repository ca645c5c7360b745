import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { createHash } from "node:crypto";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { onStop } from "@/lib/observability/lifecycle.mjs";

type Connection = { prisma: PrismaClient; pool: pg.Pool };

function connect(): Connection {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which provides one.");
  }
  const max = Number(process.env.DATABASE_POOL_MAX ?? 10);
  // One pool for Prisma and preparedQuery, so the process never holds more than `max` connections.
  const pool = new pg.Pool({ connectionString, max });
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // Prisma gives up on a transaction that waited 2 s for a connection (P2028, a 500): with 32
    // clients on the default pool of 10, busy moments on a small machine wait longer than that
    // (test/embedded-concurrency.test.ts). A request would rather wait its turn.
    transactionOptions: { maxWait: 15_000, timeout: 20_000 },
  });
  // When the process stops, after its last request (scripts/server.mjs): the pool closes with the client.
  onStop("database", () => prisma.$disconnect());
  return { prisma, pool };
}

const globalForDb = globalThis as unknown as { marginaliaDb?: Connection };

function connection(): Connection {
  globalForDb.marginaliaDb ??= connect();
  return globalForDb.marginaliaDb;
}

/**
 * The one Prisma client of this process. Created on first use, so that
 * importing this module (e.g. while Next.js collects page data at build time)
 * never needs a database.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const value = Reflect.get(connection().prisma, property);
    return typeof value === "function" ? value.bind(connection().prisma) : value;
  },
});

/** A transaction client, as passed to `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const TIMESTAMP_OID = 1114;

/** Reads `timestamp` (without time zone) columns as UTC, as Prisma does; pg would read them as local time. */
const typeParsers = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * PostgreSQL codes for a name already taken or unknown on the server side:
 * poolers in transaction mode move a connection's statements between backends.
 */
const STATEMENT_NAME_TROUBLE = new Set(["42P05", "26000"]);
let namedStatements = true;

const statementNames = new Map<string, string>();

/**
 * `name` plus a digest of `text`: a statement whose text depends on the caller
 * (a session's or an API token's access check inside the same insert) gets one
 * prepared statement per text, where pg would refuse the second text under the
 * same name on a connection that prepared the first.
 */
function statementName(name: string, text: string): string {
  let named = statementNames.get(text);
  if (named === undefined) {
    named = `${name}-${createHash("sha1").update(text).digest("base64url").slice(0, 12)}`;
    statementNames.set(text, named);
  }
  return named;
}

/**
 * Runs a statement of fixed text (built with Prisma.sql, so values stay
 * parameters) straight on Prisma's pool, as a statement named `name` that
 * each connection prepares once: PostgreSQL stops planning it on every call,
 * and Prisma's per-call work (serializing parameters and results) is skipped.
 * Both were a measured share of a hot request (see bench/README.md); this is
 * for the few statements every such request runs, outside transactions.
 * Each distinct text gets its own statement under `name`. Where the server cannot keep
 * names per connection, it falls back to unnamed statements for good.
 * Dates are sent as UTC; columns come back as pg parses them (text, int4,
 * bool, and timestamp as UTC Dates).
 */
export async function preparedQuery<R>(name: string, query: Prisma.Sql): Promise<R[]> {
  const values = query.values.map((value) => (value instanceof Date ? value.toISOString() : value));
  const statement = statementName(name, query.text);
  const run = (named: boolean) =>
    connection().pool.query({ name: named ? statement : undefined, text: query.text, values, types: typeParsers });
  try {
    return (await run(namedStatements)).rows as R[];
  } catch (err) {
    if (!namedStatements || !STATEMENT_NAME_TROUBLE.has((err as { code?: string }).code ?? "")) throw err;
    namedStatements = false;
    return (await run(false)).rows as R[];
  }
}
