// `npm run backup` — writes a backup of the app's database to BACKUP_DIR (.data/backups).
// `npm run restore -- FILE [--force]` — restores one into the app's database (an empty one,
// unless --force) and prints every table's row count.
//
// The database is DATABASE_URL's, else the embedded server's in MARGINALIA_DATA_DIR/postgres:
// the running one of `npm start`, or one started for the command.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { backupDatabase, backupDir } from "../lib/backup/backup-database";
import { BackupError } from "../lib/backup/pg-tools";
import { restoreDatabase } from "../lib/backup/restore-database";
import { envProblem } from "../lib/config/env-schema";
import { EMBEDDED_DATABASE, startEmbeddedDatabase } from "./embedded-db.mjs";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The embedded server `npm start` runs on this data folder, if it is running. */
function runningEmbeddedUrl(postgresDir: string): string | null {
  const lock = `${postgresDir}.lock`;
  const pidFile = path.join(postgresDir, "postmaster.pid");
  if (!existsSync(lock) || !existsSync(pidFile)) return null;
  const holder = Number(readFileSync(lock, "utf8").trim());
  try {
    process.kill(holder, 0);
  } catch {
    return null;
  }
  const port = Number(readFileSync(pidFile, "utf8").split("\n")[3]);
  const password = readFileSync(`${postgresDir}.password`, "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const postgresDir = path.resolve(process.env.MARGINALIA_DATA_DIR || ".data", "postgres");
  const running = runningEmbeddedUrl(postgresDir);
  if (running) return fn(running);
  if (!existsSync(postgresDir))
    throw new BackupError(`No database: DATABASE_URL is unset and ${postgresDir} does not exist.`);
  const embedded = await startEmbeddedDatabase({ dataDir: postgresDir, fallbackToFreePort: true });
  try {
    return await fn(embedded.url);
  } finally {
    await embedded.stop();
  }
}

async function main(args: string[]): Promise<number> {
  const problem = envProblem(process.env);
  if (problem) throw new BackupError(problem);
  if (args[0] === "--restore") {
    const file = args.find((a, i) => i > 0 && !a.startsWith("--"));
    if (!file) throw new BackupError("Usage: npm run restore -- FILE [--force]");
    if (!existsSync(file)) throw new BackupError(`${file} does not exist.`);
    const result = await withDatabase((url) =>
      restoreDatabase({ connectionString: url, file, force: args.includes("--force") }),
    );
    const width = Math.max(...result.tables.map((t) => t.table.length));
    for (const { table, rows } of result.tables) console.log(`${table.padEnd(width)}  ${rows}`);
    const total = result.tables.reduce((n, t) => n + t.rows, 0);
    console.log(
      `Restored ${file} (made by ${result.dumpedBy}): ${result.tables.length} tables, ${total} rows, in ${(result.ms / 1000).toFixed(1)} s.`,
    );
    return 0;
  }
  const dir = backupDir();
  const result = await withDatabase((url) => backupDatabase({ connectionString: url, dir }));
  console.log(
    `Backup written: ${result.file} (${mb(result.bytes)}, ${(result.ms / 1000).toFixed(1)} s, ${result.writtenBy}, server ${result.serverVersion})`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof BackupError ? err.message : err);
    process.exit(1);
  },
);
