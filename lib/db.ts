import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which provides one.");
  }
  // The embedded PGlite server accepts a fixed number of connections; the
  // start script sets DATABASE_POOL_MAX below it.
  const max = Number(process.env.DATABASE_POOL_MAX ?? 10);
  const adapter = new PrismaPg(
    { connectionString, max },
    { statementNameGenerator: (query) => preparedStatementName(query.sql) },
  );
  return new PrismaClient({ adapter });
}

/** The marker that names a raw statement for preparing; see preparedStatementName. */
const PREPARED_MARKER = /^-- prepared: ([\w-]+)\n/;

/**
 * Raw statements whose text starts with `-- prepared: <name>` are prepared once
 * per connection and then reused, so PostgreSQL stops planning them on every
 * call, which is most of the cost of a statement with several CTEs on a hot
 * path. A name must always stand for the same text (pg refuses anything
 * else), so only fixed templates carry it; Prisma's own queries, whose texts
 * vary with the length of lists, stay unnamed (pg's unnamed statement is "").
 */
export function preparedStatementName(sql: string): string {
  return PREPARED_MARKER.exec(sql)?.[1] ?? "";
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}

/**
 * The one Prisma client of this process. Created on first use, so that
 * importing this module (e.g. while Next.js collects page data at build time)
 * never needs a database.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const value = Reflect.get(client(), property);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});

/** A transaction client, as passed to `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
