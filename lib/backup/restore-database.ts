import { open } from "node:fs/promises";
import pg from "pg";
import { runPgTool, serverVersion, type BackupFormat } from "./backup-database";
import { restoreLogicalBackup } from "./logical-restore";
import { BackupError, findPgTool, libpqConnection } from "./pg-tools";

export type RestoreResult = {
  tables: { table: string; rows: number }[];
  ms: number;
  format: BackupFormat;
  /** "pg_dump 15.20", or "Marginalia logical format 1 of server 18.1". */
  dumpedBy: string;
};

/** A backup's format by its first bytes: pg_dump's custom format starts "PGDMP", ours is gzip. */
export async function detectBackupFormat(file: string): Promise<BackupFormat> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.toString("latin1") === "PGDMP") return "pgdump";
    if (head[0] === 0x1f && head[1] === 0x8b) return "logical";
  } finally {
    await handle.close();
  }
  throw new BackupError(
    `${file} is not a Marginalia backup (neither pg_dump's custom format nor Marginalia's logical format).`,
  );
}

async function withClient<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The tables of the database's current schema, sorted. */
export async function userTables(connectionString: string): Promise<string[]> {
  return withClient(connectionString, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
    );
    return rows.map((r) => r.name);
  });
}

/** Row counts of every table of the current schema. */
export async function rowCounts(connectionString: string): Promise<{ table: string; rows: number }[]> {
  const tables = await userTables(connectionString);
  return withClient(connectionString, async (client) => {
    const counts = [];
    for (const table of tables) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table.replace(/"/g, '""')}"`);
      counts.push({ table, rows: Number(rows[0].n) });
    }
    return counts;
  });
}

/**
 * Restores a backup made by backupDatabase into the database, then counts every table's
 * rows. Refuses a database that already has tables unless `force` (which replaces its content
 * with the backup's). Runs in one transaction: a failed restore leaves the database as it was.
 * The format is told by the file: pg_dump's custom format goes through a pg_restore at least as
 * new as the server and the dump (BackupError if none); the logical format through
 * restoreLogicalBackup, with no client programs and into any supported server version.
 */
export async function restoreDatabase(options: {
  connectionString: string;
  file: string;
  force?: boolean;
}): Promise<RestoreResult> {
  const startedAt = Date.now();
  const existing = await userTables(options.connectionString);
  if (existing.length > 0 && !options.force) {
    throw new BackupError(
      `The database is not empty (${existing.length} tables, e.g. ${existing.slice(0, 3).join(", ")}). Restore into an empty database, or pass --force to replace its content with the backup's.`,
    );
  }
  const format = await detectBackupFormat(options.file);
  if (format === "logical") {
    const manifest = await restoreLogicalBackup({
      connectionString: options.connectionString,
      file: options.file,
      replace: existing.length > 0,
    });
    return {
      tables: await rowCounts(options.connectionString),
      ms: Date.now() - startedAt,
      format,
      dumpedBy: `Marginalia logical format ${manifest.version} of server ${manifest.serverVersion}`,
    };
  }
  const server = await serverVersion(options.connectionString);
  let pgRestore = await findPgTool("pg_restore", server.major);
  const listing = await runPgTool(pgRestore.path, ["--list", options.file], process.env).catch((err: Error) => {
    throw new BackupError(`${options.file} is not a backup pg_restore can read: ${err.message}`);
  });
  const dumpedBy = /Dumped by pg_dump version: (\S+)/.exec(listing)?.[1] ?? "unknown";
  const dumpMajor = Number(dumpedBy.split(".")[0]);
  if (Number.isFinite(dumpMajor) && dumpMajor > pgRestore.major) pgRestore = await findPgTool("pg_restore", dumpMajor);
  const { dbname, env } = libpqConnection(options.connectionString);
  const args = ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${dbname}`];
  if (options.force && existing.length > 0) args.push("--clean", "--if-exists");
  await runPgTool(pgRestore.path, [...args, options.file], env);
  return {
    tables: await rowCounts(options.connectionString),
    ms: Date.now() - startedAt,
    format,
    dumpedBy: `pg_dump ${dumpedBy}`,
  };
}
