import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** How a column's values travel: as an array of this type, cast on insert where the column needs it. */
export type ColumnType = "text" | "int" | "boolean" | "timestamp" | "date" | "jsonb" | { enum: string };

/**
 * Inserts many rows in one statement (`INSERT … SELECT FROM unnest(arrays)`): one parameter
 * per column, however many rows. Bulk writes of an archive import go through here rather
 * than Prisma's createMany, which holds on to memory batch after batch in a long transaction.
 * Dates are written as UTC, as Prisma writes them; `jsonb` values are serialized here.
 */
export async function insertRows(
  tx: Tx,
  table: string,
  columns: Record<string, ColumnType>,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (!rows.length) return;
  const names = Object.keys(columns);
  const arrays = names.map((name) => {
    const type = columns[name];
    return Prisma.sql`${rows.map((row) => {
      const value = row[name];
      if (value === null || value === undefined) return null;
      if (value instanceof Date) return type === "date" ? value.toISOString().slice(0, 10) : value.toISOString();
      if (type === "jsonb") return JSON.stringify(value);
      return value;
    })}::${Prisma.raw(arrayType(type))}[]`;
  });
  const select = names.map((name) => {
    const type = columns[name];
    const column = `t."${name}"`;
    if (type === "timestamp") return Prisma.raw(`${column} AT TIME ZONE 'UTC'`);
    if (type === "jsonb") return Prisma.raw(`${column}::jsonb`);
    if (typeof type === "object") return Prisma.raw(`${column}::"${type.enum}"`);
    return Prisma.raw(column);
  });
  const quoted = names.map((name) => `"${name}"`).join(", ");
  await tx.$executeRaw`
    INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(quoted)})
    SELECT ${Prisma.join(select)} FROM unnest(${Prisma.join(arrays)}) AS t(${Prisma.raw(quoted)})`;
}

function arrayType(type: ColumnType): string {
  if (type === "timestamp") return "timestamptz";
  if (type === "jsonb" || typeof type === "object") return "text";
  return type;
}
