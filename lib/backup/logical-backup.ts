import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { frame, LOGICAL_VERSION, magicLine, type LogicalManifest } from "./logical-format";

/** Session settings under which COPY's text is the same on every server and restores as written. */
export const COPY_SESSION_SETTINGS = [
  "SET client_encoding = 'UTF8'",
  "SET DateStyle = 'ISO'",
  "SET IntervalStyle = 'postgres'",
  "SET TimeZone = 'UTC'",
  "SET extra_float_digits = 3",
];

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Rows are sent on in frames of about this size. */
const FRAME_BYTES = 256 * 1024;

/** COPY's text format ends every row with one newline (newlines in values are escaped). */
export function countLines(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, "drain");
}

/**
 * Writes the database's current schema to `file` in Marginalia's logical format (see
 * logical-format.ts): one REPEATABLE READ READ ONLY transaction (one snapshot) in which every
 * table is counted, then copied with `COPY … TO STDOUT` (text format) straight into gzip and the
 * file, a frame at a time, so memory stays flat whatever the size. The file is created mode 0600.
 * Returns the manifest written at its start.
 */
export async function writeLogicalBackup(options: {
  connectionString: string;
  file: string;
}): Promise<LogicalManifest> {
  const client = new pg.Client({ connectionString: options.connectionString, application_name: "marginalia-backup" });
  client.on("error", () => {});
  await client.connect();
  const gzip = createGzip();
  const output = createWriteStream(options.file, { mode: 0o600 });
  const written = finished(gzip.pipe(output));
  written.catch(() => undefined);
  try {
    for (const statement of COPY_SESSION_SETTINGS) await client.query(statement);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: versions } = await client.query<{ version: string }>(
      "SELECT current_setting('server_version') AS version",
    );
    const { rows: tables } = await client.query<{ name: string; columns: string[] }>(
      `SELECT c.relname::text AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
         FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
        GROUP BY c.relname
        ORDER BY c.relname`,
    );
    const counted = [];
    for (const table of tables) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(table.name)}`);
      counted.push({ ...table, rows: Number(rows[0].n) });
    }
    const migrations = tables.some((t) => t.name === "_prisma_migrations")
      ? (
          await client.query<{ name: string; checksum: string }>(
            `SELECT migration_name AS name, checksum FROM _prisma_migrations
              WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY started_at, migration_name`,
          )
        ).rows
      : [];
    const { rows: sequenceNames } = await client.query<{ name: string }>(
      `SELECT relname::text AS name FROM pg_catalog.pg_class
        WHERE relnamespace = current_schema()::regnamespace AND relkind = 'S' ORDER BY relname`,
    );
    const sequences = [];
    for (const { name } of sequenceNames) {
      const { rows } = await client.query<{ lastValue: string; isCalled: boolean }>(
        `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${quoteIdent(name)}`,
      );
      sequences.push({ name, ...rows[0] });
    }
    const manifest: LogicalManifest = {
      format: "marginalia-logical",
      version: LOGICAL_VERSION,
      createdAt: new Date().toISOString(),
      serverVersion: versions[0].version,
      migrations,
      tables: counted,
      sequences,
    };
    await write(gzip, magicLine());
    await write(gzip, frame("M", JSON.stringify(manifest)));

    for (const table of counted) {
      await write(gzip, frame("T", table.name));
      const columns = table.columns.map(quoteIdent).join(", ");
      const copy = client.query(copyTo(`COPY ${quoteIdent(table.name)} (${columns}) TO STDOUT`));
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let rows = 0;
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        rows += countLines(chunk);
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= FRAME_BYTES) {
          await write(gzip, frame("D", Buffer.concat(pending)));
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pendingBytes > 0) await write(gzip, frame("D", Buffer.concat(pending)));
      if (rows !== table.rows) {
        throw new Error(`${table.name}: copied ${rows} rows of the ${table.rows} counted in the same snapshot`);
      }
      await write(gzip, frame("E", String(table.rows)));
    }
    await write(gzip, frame("Z", String(counted.length)));
    await client.query("COMMIT");
    gzip.end();
    await written;
    return manifest;
  } catch (err) {
    gzip.destroy();
    output.destroy();
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}
