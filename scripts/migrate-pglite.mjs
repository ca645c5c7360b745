// Moves an earlier embedded database (PGlite, in .data/pglite) into the
// embedded PostgreSQL server, once, for users who started Marginalia before
// the embedded server was PostgreSQL itself.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { tsImport } from "tsx/esm/api";

const BATCH_ROWS = 2000;

/**
 * Copies every table of the PGlite database in `pgliteDir` into the empty
 * database at `targetUrl`: first the schema, by applying exactly the
 * migrations PGlite had applied (so the app's own runner brings both up to
 * date the same way afterwards), then the rows, the migration history and the
 * sequences, in one transaction; then compares the row count of every table.
 * Throws (and the transaction leaves the target's tables empty) when anything
 * differs. The PGlite folder is only read.
 *
 * @param {{ pgliteDir: string, targetUrl: string, migrationsDir?: string }} options
 * @returns {Promise<{ tables: number, rows: number, counts: Record<string, number> }>}
 */
export async function migrateFromPglite({ pgliteDir, targetUrl, migrationsDir = "prisma/migrations" }) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { applyMigrations } = await tsImport("../lib/migrate/index.ts", import.meta.url);
  const source = await PGlite.create({ dataDir: pgliteDir });
  const target = new pg.Client({ connectionString: targetUrl });
  target.on("error", () => {});
  const scratch = mkdtempSync(path.join(os.tmpdir(), "marginalia-pglite-migrations-"));
  try {
    const applied = (
      await source.query(
        `SELECT migration_name FROM _prisma_migrations
          WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      )
    ).rows.map((row) => row.migration_name);
    for (const name of applied) cpSync(path.join(migrationsDir, name), path.join(scratch, name), { recursive: true });
    await applyMigrations({ connectionString: targetUrl, migrationsDir: scratch });

    await target.connect();
    const tables = (
      await source.query(`SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
    ).rows.map((row) => row.tablename);

    await target.query("BEGIN");
    // Rows arrive in any order: no foreign-key or other triggers while they do (we are the superuser).
    await target.query("SET LOCAL session_replication_role = replica");
    await target.query("DELETE FROM _prisma_migrations");
    for (const table of tables) await copyTable(source, target, table);
    await copySequences(source, target);
    await target.query("COMMIT");

    const counts = {};
    let rows = 0;
    for (const table of tables) {
      const quoted = quoteIdent(table);
      const [from, to] = await Promise.all([
        source.query(`SELECT count(*)::int AS n FROM ${quoted}`).then((r) => r.rows[0].n),
        target.query(`SELECT count(*)::int AS n FROM ${quoted}`).then((r) => r.rows[0].n),
      ]);
      if (from !== to) throw new Error(`${table} has ${from} rows in PGlite but ${to} after the move.`);
      counts[table] = to;
      rows += to;
    }
    return { tables: tables.length, rows, counts };
  } catch (err) {
    await target.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    await target.end().catch(() => undefined);
    await source.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Copies a table in batches of rows as JSON, which carries every type PostgreSQL can print and read back. */
async function copyTable(source, target, table) {
  const columns = (
    await source.query(
      `SELECT attname FROM pg_catalog.pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
        ORDER BY attnum`,
      [quoteIdent(table)],
    )
  ).rows.map((row) => quoteIdent(row.attname));
  const list = columns.join(", ");
  const quoted = quoteIdent(table);
  let after = "(0,0)";
  for (;;) {
    const { rows } = await source.query(
      `SELECT t.ctid::text AS position, row_to_json(t)::text AS row FROM (SELECT ctid, ${list} FROM ${quoted}) t
        WHERE t.ctid > $1::tid ORDER BY t.ctid LIMIT ${BATCH_ROWS}`,
      [after],
    );
    if (rows.length === 0) return;
    after = rows.at(-1).position;
    await target.query(
      `INSERT INTO ${quoted} (${list}) OVERRIDING SYSTEM VALUE
       SELECT ${list} FROM json_populate_recordset(NULL::${quoted}, $1::json)`,
      [`[${rows.map((r) => r.row).join(",")}]`],
    );
  }
}

async function copySequences(source, target) {
  const { rows } = await source.query(
    `SELECT format('%I.%I', schemaname, sequencename) AS name, last_value::text AS value
       FROM pg_catalog.pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL`,
  );
  for (const { name, value } of rows)
    await target.query("SELECT setval($1::regclass, $2::bigint, true)", [name, value]);
}

function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}
