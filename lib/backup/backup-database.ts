import { spawn } from "node:child_process";
import { chmod, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { BackupError, findPgTool, libpqConnection, type PgTool } from "./pg-tools";

export type BackupResult = { file: string; bytes: number; ms: number; pgDump: PgTool; serverVersion: string };

const BACKUP_NAME = /^marginalia-(\d{8}T\d{6}Z)\.dump$/;

/** `marginalia-20261207T031500Z.dump`: names sort by time. */
export function backupFileName(at: Date): string {
  return `marginalia-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z")}.dump`;
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
 * Writes a consistent backup of the database (pg_dump's custom format, one snapshot) to
 * `dir`, named by time; the file appears only once complete. Uses a pg_dump of the
 * server's major version or newer (BackupError otherwise).
 */
export async function backupDatabase(options: {
  connectionString: string;
  dir: string;
  at?: Date;
}): Promise<BackupResult> {
  const startedAt = Date.now();
  const server = await serverVersion(options.connectionString);
  const pgDump = await findPgTool("pg_dump", server.major);
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const file = path.join(options.dir, backupFileName(options.at ?? new Date()));
  const partial = `${file}.partial`;
  const { dbname, env } = libpqConnection(options.connectionString);
  try {
    await runPgTool(
      pgDump.path,
      ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${dbname}`],
      env,
    );
    // It holds password hashes and every article: for the owner's eyes only.
    await chmod(partial, 0o600);
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  const { size } = await stat(file);
  return { file, bytes: size, ms: Date.now() - startedAt, pgDump, serverVersion: server.text };
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
