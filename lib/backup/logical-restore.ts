import { once } from "node:events";
import { createReadStream } from "node:fs";
import { finished } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import {
  applyMigrationsInTransaction,
  defaultMigrationsDir,
  MIGRATION_LOCK_KEY,
  MigrationError,
  readMigrations,
  type MigrationFile,
} from "../migrate";
import { COPY_SESSION_SETTINGS, countLines, quoteIdent } from "./logical-backup";
import { MalformedBackupError, manifestSchema, readFrames, type LogicalManifest } from "./logical-format";
import { BackupError } from "./pg-tools";

/** The decompressed frames of `file`; gzip's own errors (a truncated or damaged file) become MalformedBackupError. */
function framesOf(file: string) {
  const source = createReadStream(file);
  const input = source.pipe(createGunzip());
  source.on("error", (err) => input.destroy(err));
  async function* decompressed(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of input) yield chunk as Buffer;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new MalformedBackupError(
        code === "Z_BUF_ERROR" ? "the file is truncated" : `it is damaged (${(err as Error).message})`,
      );
    }
  }
  const close = () => {
    source.destroy();
    input.destroy();
  };
  return { frames: readFrames(decompressed()), close };
}

/** The manifest at the start of a logical backup. */
export async function readLogicalManifest(file: string): Promise<LogicalManifest> {
  const { frames, close } = framesOf(file);
  try {
    const first = await frames.next();
    return parseManifest(first.done ? undefined : first.value);
  } catch (err) {
    throw malformed(file, err);
  } finally {
    close();
  }
}

function parseManifest(first: { kind: string; payload: Buffer } | undefined): LogicalManifest {
  if (!first || first.kind !== "M") throw new MalformedBackupError("its manifest is missing");
  let json: unknown;
  try {
    json = JSON.parse(first.payload.toString("utf8"));
  } catch {
    throw new MalformedBackupError("its manifest is not JSON");
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new MalformedBackupError("its manifest is not one this Marginalia reads");
  return parsed.data;
}

function malformed(file: string, err: unknown): unknown {
  if (err instanceof MalformedBackupError)
    return new BackupError(`${file} is not a complete Marginalia backup: ${err.message}. Nothing was restored.`);
  return err;
}

/** The schema's objects not owned by an extension, dropped (for --force): tables, then functions, then types. */
async function dropSchemaObjects(client: pg.ClientBase): Promise<void> {
  const notInExtension = (catalog: string) =>
    `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = o.oid AND d.deptype = 'e')`;
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT o.relname::text AS name FROM pg_catalog.pg_class o
      WHERE o.relnamespace = current_schema()::regnamespace AND o.relkind IN ('r', 'p') AND ${notInExtension("pg_class")}`,
  );
  if (tables.length) await client.query(`DROP TABLE ${tables.map((t) => quoteIdent(t.name)).join(", ")} CASCADE`);
  const { rows: others } = await client.query<{ statement: string }>(
    `SELECT format('DROP %s %s CASCADE', CASE o.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END, o.oid::regclass) AS statement
       FROM pg_catalog.pg_class o
      WHERE o.relnamespace = current_schema()::regnamespace AND o.relkind IN ('S', 'v', 'm') AND ${notInExtension("pg_class")}
     UNION ALL
     SELECT format('DROP ROUTINE %s CASCADE', o.oid::regprocedure) FROM pg_catalog.pg_proc o
      WHERE o.pronamespace = current_schema()::regnamespace AND ${notInExtension("pg_proc")}
     UNION ALL
     SELECT format('DROP TYPE %s CASCADE', o.oid::regtype) FROM pg_catalog.pg_type o
      WHERE o.typnamespace = current_schema()::regnamespace AND o.typtype IN ('e', 'd', 'c') AND o.typrelid = 0 AND ${notInExtension("pg_type")}`,
  );
  for (const { statement } of others) await client.query(statement);
}

/**
 * Reads the whole of a logical backup without writing anything: its gzip checksum, every frame in
 * the manifest's order and every table's row count. Returns the manifest; throws a BackupError
 * saying what is wrong with a truncated or damaged file.
 */
export async function verifyLogicalBackup(file: string): Promise<LogicalManifest> {
  const { frames, close } = framesOf(file);
  try {
    const first = await frames.next();
    const manifest = parseManifest(first.done ? undefined : first.value);
    let table = -1;
    let rows = -1;
    for await (const { kind, payload } of frames) {
      const expected = manifest.tables[table];
      if (kind === "T") {
        if (expected && rows !== -1) throw new MalformedBackupError(`table ${expected.name} is not closed`);
        table++;
        rows = 0;
        if (payload.toString("utf8") !== manifest.tables[table]?.name)
          throw new MalformedBackupError(`table ${table + 1} is not where the manifest says`);
      } else if (kind === "D") {
        if (!expected || rows === -1) throw new MalformedBackupError("rows outside a table");
        rows += countLines(payload);
      } else if (kind === "E") {
        if (!expected || rows !== expected.rows || payload.toString() !== String(expected.rows))
          throw new MalformedBackupError(
            `table ${expected?.name} holds ${rows} rows, its manifest says ${expected?.rows}`,
          );
        rows = -1;
      } else if (kind === "Z") {
        if (
          table !== manifest.tables.length - 1 ||
          rows !== -1 ||
          payload.toString() !== String(manifest.tables.length)
        )
          throw new MalformedBackupError(`it ends after ${table + 1} of its ${manifest.tables.length} tables`);
      } else {
        throw new MalformedBackupError("it holds a second manifest");
      }
    }
    return manifest;
  } catch (err) {
    throw malformed(file, err);
  } finally {
    close();
  }
}

/** This installation's copies of the backup's migrations; refuses missing or different ones. */
async function migrationsOf(manifest: LogicalManifest, dir: string): Promise<MigrationFile[]> {
  const available = await readMigrations(dir);
  return manifest.migrations.map((recorded) => {
    const ours = available.find((m) => m.name === recorded.name);
    if (!ours)
      throw new BackupError(
        `The backup's schema includes migration ${recorded.name}, which this version of Marginalia does not have: restore it with the version that made it, or a newer one.`,
      );
    if (ours.checksum !== recorded.checksum)
      throw new BackupError(
        `Migration ${recorded.name} differs from the one the backup's database applied (checksums differ): restore with the version of Marginalia that made the backup.`,
      );
    return ours;
  });
}

/**
 * Restores a backup written by writeLogicalBackup. First reads the whole file (verifyLogicalBackup):
 * a truncated or damaged one is refused before anything is written. Then, holding the migration
 * lock: one transaction creates the schema with this installation's copies of the backup's
 * migrations (refusing a backup whose migrations it lacks or whose scripts differ) — its own
 * transaction, because PostgreSQL lets no transaction use an enum value that it added
 * (`NotificationKind.ASSIGNMENT`) —, and a second one loads every table with `COPY … FROM STDIN`,
 * the file streamed a frame at a time. If the load fails, the schema is dropped again: the
 * database is left empty, as it was (with `replace`, its previous content is gone).
 *
 * To load tables whatever the order and cycles of their foreign keys without superuser rights,
 * the foreign keys are dropped for the load and added back after it (PostgreSQL then checks every
 * row against them), and the schema's own triggers (search indexing, live events) are disabled for
 * the load — the search index comes from the backup — and enabled after. Both need only the
 * table owner's rights, which the restoring user has since it created the tables. Sequences are
 * set to their backed-up values. The rows loaded into each table must be the manifest's count.
 */
export async function restoreLogicalBackup(options: {
  connectionString: string;
  file: string;
  /** Drop the schema's objects first (the caller has checked the database is empty otherwise). */
  replace?: boolean;
  migrationsDir?: string;
}): Promise<LogicalManifest> {
  const manifest = await verifyLogicalBackup(options.file);
  const migrations = await migrationsOf(manifest, options.migrationsDir ?? defaultMigrationsDir);
  const client = new pg.Client({ connectionString: options.connectionString, application_name: "marginalia-restore" });
  client.on("error", () => {});
  await client.connect();
  let inTransaction = false;
  let schemaCreated = false;
  const { frames, close } = framesOf(options.file);
  try {
    for (const statement of COPY_SESSION_SETTINGS) await client.query(statement);
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query("BEGIN");
    inTransaction = true;
    if (options.replace) await dropSchemaObjects(client);
    await applyMigrationsInTransaction(client, migrations);
    await client.query("COMMIT");
    schemaCreated = true;

    await client.query("BEGIN");
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT relname::text AS name FROM pg_catalog.pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'`,
    );
    const missing = manifest.tables.filter((t) => !tables.some((r) => r.name === t.name));
    if (missing.length)
      throw new BackupError(
        `The backup holds tables its migrations do not create (${missing.map((t) => t.name).join(", ")}): it was not made from a Marginalia database.`,
      );
    const { rows: triggers } = await client.query<{ tableName: string; name: string }>(
      `SELECT c.relname::text AS "tableName", t.tgname::text AS name
         FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal AND t.tgenabled <> 'D'`,
    );
    for (const t of triggers)
      await client.query(`ALTER TABLE ${quoteIdent(t.tableName)} DISABLE TRIGGER ${quoteIdent(t.name)}`);
    const { rows: foreignKeys } = await client.query<{ tableName: string; name: string; definition: string }>(
      `SELECT c.relname::text AS "tableName", k.conname::text AS name, pg_get_constraintdef(k.oid) AS definition
         FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
        WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace
        ORDER BY c.relname, k.conname`,
    );
    for (const k of foreignKeys)
      await client.query(`ALTER TABLE ${quoteIdent(k.tableName)} DROP CONSTRAINT ${quoteIdent(k.name)}`);
    // Rows the migrations wrote (the history, default entity and relation types) give way to the backup's.
    await client.query(`TRUNCATE ${tables.map((t) => quoteIdent(t.name)).join(", ")}`);

    await frames.next(); // the manifest, read above
    for (const table of manifest.tables) {
      await frames.next(); // its T frame (verified above)
      const columns = table.columns.map(quoteIdent).join(", ");
      const copy = client.query(copyFrom(`COPY ${quoteIdent(table.name)} (${columns}) FROM STDIN`));
      let copyError: Error | undefined;
      copy.on("error", (err) => (copyError ??= err));
      const done = finished(copy);
      done.catch(() => undefined);
      for (;;) {
        const data = await frames.next();
        if (data.done || data.value.kind !== "D") break;
        if (copyError) continue;
        if (!copy.write(data.value.payload)) await Promise.race([once(copy, "drain"), done.catch(() => undefined)]);
      }
      if (!copyError) copy.end();
      await done.catch((err) => (copyError ??= err));
      if (copyError) throw new BackupError(`Could not load table ${table.name}: ${copyError.message}`);
      if (copy.rowCount !== table.rows)
        throw new BackupError(`Table ${table.name} took ${copy.rowCount} rows, the backup holds ${table.rows}`);
    }

    for (const k of foreignKeys) {
      await client
        .query(`ALTER TABLE ${quoteIdent(k.tableName)} ADD CONSTRAINT ${quoteIdent(k.name)} ${k.definition}`)
        .catch((err: Error) => {
          throw new BackupError(`The backup's rows break foreign key ${k.name} of ${k.tableName}: ${err.message}`);
        });
    }
    for (const t of triggers)
      await client.query(`ALTER TABLE ${quoteIdent(t.tableName)} ENABLE TRIGGER ${quoteIdent(t.name)}`);
    for (const s of manifest.sequences)
      await client.query("SELECT setval($1::regclass, $2::bigint, $3)", [quoteIdent(s.name), s.lastValue, s.isCalled]);
    await client.query("COMMIT");
    return manifest;
  } catch (err) {
    if (inTransaction) await client.query("ROLLBACK").catch(() => undefined);
    let outcome = "Nothing was restored.";
    if (schemaCreated) {
      const dropped = await client
        .query("BEGIN")
        .then(() => dropSchemaObjects(client))
        .then(() => client.query("COMMIT"))
        .then(
          () => true,
          () => false,
        );
      outcome = dropped
        ? `Nothing was restored: the database is empty${options.replace ? " (its previous content was replaced)" : ""}.`
        : "The schema it created could not be dropped again: drop the database's tables before trying again.";
    }
    if (err instanceof MigrationError)
      throw new BackupError(`Could not create the backup's schema: ${err.message} ${outcome}`);
    if (err instanceof BackupError) throw new BackupError(`${err.message}. ${outcome}`);
    throw err;
  } finally {
    close();
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
