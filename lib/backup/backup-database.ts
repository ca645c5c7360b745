import { spawn } from "node:child_process";
import { chmod, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { writeLogicalBackup } from "./logical-backup";
import { BackupError, findPgTool, libpqConnection, type PgTool } from "./pg-tools";

export type BackupFormat = "pgdump" | "logical";

export type BackupResult = {
  file: string;
  bytes: number;
  ms: number;
  format: BackupFormat;
  /** What wrote it: "pg_dump 15.20", or "Marginalia logical format 1" and why no pg_dump was used. */
  writtenBy: string;
  serverVersion: string;
};

const BACKUP_NAME = /^marginalia-(\d{8}T\d{6}Z)\.(dump|logical\.gz)$/;

/** `marginalia-20261207T031500Z.dump` (pg_dump) or `….logical.gz` (logical): names sort by time. */
export function backupFileName(at: Date, format: BackupFormat = "pgdump"): string {
  const time = at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
  return `marginalia-${time}.${format === "pgdump" ? "dump" : "logical.gz"}`;
}

/** BACKUP_FORMAT: "pgdump", "logical", or "auto" (unset) for pg_dump when a fit one is found. */
export function backupFormatSetting(env: NodeJS.ProcessEnv = process.env): BackupFormat | "auto" {
  const value = env.BACKUP_FORMAT || "auto";
  if (value === "auto" || value === "pgdump" || value === "logical") return value;
  throw new BackupError(`BACKUP_FORMAT must be "auto", "pgdump" or "logical", got "${value}"`);
}

/** The server's version: its major number and its full text. */
export async function serverVersion(connectionString: string): Promise<{ major: number; text: string }> {
  const client = new pg.Client({ connectionString });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ num: string; text: string }>(
      "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text",
    );
    return { major: Math.floor(Number(rows[0].num) / 10000), text: rows[0].text };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs a PostgreSQL client program; rejects with its stderr when it fails. */
export function runPgTool(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new BackupError(`${path.basename(file)} failed (exit code ${code}): ${stderr.trim()}`));
    });
  });
}

/**
 * Writes a consistent backup of the database (one snapshot) to `dir`, named by time; the file
 * appears only once complete, mode 0600. `format` (default: BACKUP_FORMAT, else "auto"): pg_dump's
 * custom format with a pg_dump of the server's major version or newer, or Marginalia's logical
 * format (logical-backup.ts), which needs no client programs and restores into older servers
 * too. "auto" takes pg_dump when a fit one is found, else the logical format — always so for the
 * embedded PostgreSQL 18, whose npm packages ship no pg_dump. Forcing "pgdump" without a fit
 * pg_dump is a BackupError.
 */
export async function backupDatabase(options: {
  connectionString: string;
  dir: string;
  at?: Date;
  format?: BackupFormat | "auto";
}): Promise<BackupResult> {
  const startedAt = Date.now();
  const setting = options.format ?? backupFormatSetting();
  const server = await serverVersion(options.connectionString);
  let pgDump: PgTool | null = null;
  let why = "BACKUP_FORMAT=logical";
  if (setting !== "logical") {
    try {
      pgDump = await findPgTool("pg_dump", server.major);
    } catch (err) {
      if (setting === "pgdump" || !(err instanceof BackupError)) throw err;
      why = `no pg_dump of PostgreSQL ${server.major} or newer was found`;
    }
  }
  const format: BackupFormat = pgDump ? "pgdump" : "logical";
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const file = path.join(options.dir, backupFileName(options.at ?? new Date(), format));
  const partial = `${file}.partial`;
  try {
    if (pgDump) {
      const { dbname, env } = libpqConnection(options.connectionString);
      await runPgTool(
        pgDump.path,
        ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${dbname}`],
        env,
      );
    } else {
      await writeLogicalBackup({ connectionString: options.connectionString, file: partial });
    }
    // It holds password hashes and every article: for the owner's eyes only.
    await chmod(partial, 0o600);
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  const { size } = await stat(file);
  return {
    file,
    bytes: size,
    ms: Date.now() - startedAt,
    format,
    writtenBy: pgDump ? `pg_dump ${pgDump.version}` : `Marginalia logical format (${why})`,
    serverVersion: server.text,
  };
}

export type BackupFile = { file: string; at: Date; bytes: number };

/** The backups in `dir`, newest first (only files named as backupDatabase names them). */
export async function listBackups(dir: string): Promise<BackupFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const backups: BackupFile[] = [];
  for (const name of names) {
    const match = BACKUP_NAME.exec(name);
    if (!match) continue;
    const s = match[1];
    const at = new Date(
      `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`,
    );
    const { size } = await stat(path.join(dir, name));
    backups.push({ file: path.join(dir, name), at, bytes: size });
  }
  return backups.sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** Deletes all but the newest `keep` backups of `dir`; returns the deleted files. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const old = (await listBackups(dir)).slice(keep);
  for (const backup of old) await rm(backup.file, { force: true });
  return old.map((b) => b.file);
}

/** Where backups go: BACKUP_DIR, else `backups` in the data folder. */
export function backupDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BACKUP_DIR || path.join(env.MARGINALIA_DATA_DIR || ".data", "backups");
}
