// `npm start` and `npm run dev`: runs Marginalia with everything it needs.
//
//   npm start                               build if the sources changed, migrate, seed, serve (scripts/server.mjs)
//   npm run dev                             migrate, seed, serve in development mode
//   node scripts/start.mjs --no-server      migrate and seed only, then exit (also with --dev)
//
// Without DATABASE_URL it runs an embedded PostgreSQL server whose data stays
// in .data/postgres. Environment: PORT (3000), DATABASE_URL, NEXTAUTH_SECRET
// (required for a database on another machine; otherwise kept in
// .data/nextauth-secret), NEXTAUTH_URL (http://localhost:$PORT),
// EMBEDDED_DB_PORT (a free port), MARGINALIA_DATA_DIR (.data), SEED_DEMO=false to skip the demo data,
// HTTP_KEEP_ALIVE_MS (65000) for idle keep-alive connections, TRUST_PROXY (client addresses).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import net from "node:net";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { tsImport } from "tsx/esm/api";
import { startEmbeddedDatabase } from "./embedded-db.mjs";
import { migrateFromPglite } from "./migrate-pglite.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
process.chdir(root);

const args = process.argv.slice(2);
const dev = args.includes("--dev");
const noServer = args.includes("--no-server");
const port = Number(process.env.PORT || 3000);

const DATA_DIR = process.env.MARGINALIA_DATA_DIR || ".data";
const POSTGRES_DIR = path.join(DATA_DIR, "postgres");
/** Where embedded data lived before the embedded server was PostgreSQL itself (PGlite). */
const PGLITE_DIR = path.join(DATA_DIR, "pglite");
const SECRET_FILE = path.join(DATA_DIR, "nextauth-secret");

/** Everything that goes into `next build`; a file newer than .next/BUILD_ID means the build is stale. */
const BUILD_INPUTS = {
  dirs: ["app", "components", "lib", "prisma", "public"],
  files: [
    "next.config.js",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "proxy.ts",
    "middleware.ts",
    "instrumentation.ts",
  ],
  skip: (file) => file.startsWith(path.join("lib", "generated")) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(file),
};

/** An expected failure, reported as its one-line message. */
class StartError extends Error {}

let embedded;
let child;
/** Stops the scheduled backups (embedded mode). */
let stopBackups;
let stopSignal;

/**
 * How long the web server may take to stop once asked (scripts/server.mjs: SHUTDOWN_DELAY_MS of
 * serving, up to 10 s of draining, up to 5 s closing the pool and listener), with a margin; past
 * it, it is killed. Shorter, a slow but orderly stop would end as a kill by signal.
 */
const STOP_GRACE_MS = Number(process.env.SHUTDOWN_DELAY_MS || 0) + 20_000;

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    // A second signal means "now": the web server is killed, the database still closes cleanly.
    if (stopSignal) child?.kill("SIGKILL");
    stopSignal ??= signal;
    // Forwarded even when the signal went to the whole process group (Ctrl-C): the web server
    // stops once and ignores the repeat.
    child?.kill(signal);
    const stopping = child;
    if (stopping)
      setTimeout(
        () => stopping.exitCode === null && stopping.signalCode === null && stopping.kill("SIGKILL"),
        STOP_GRACE_MS,
      ).unref();
  });
}

main().then(
  (code) => shutdown(code),
  (err) => {
    console.error(err instanceof StartError ? err.message : err);
    return shutdown(1);
  },
);

async function main() {
  // Every variable is checked before anything starts: a wrong one stops here with one line.
  const { envProblem } = await tsImport("../lib/config/env-schema.ts", import.meta.url);
  const problem = envProblem(process.env);
  if (problem) throw new StartError(problem);

  if (!dev && !noServer) {
    const stale = staleBuildReason();
    if (stale) {
      console.log(`Building Marginalia (${stale})…`);
      const startedAt = new Date();
      const code = await npm(["run", "build"]);
      if (stopSignal) return stoppedCode();
      if (code !== 0) throw new StartError(`The build failed (exit code ${code}).`);
      // The build read its inputs from when it started: a file saved during it makes the next start rebuild.
      utimesSync(path.join(".next", "BUILD_ID"), startedAt, startedAt);
    }
  }

  const env = { ...process.env };
  if (env.DATABASE_URL) {
    configureExternalDatabase(env);
  } else {
    await startLocalDatabase(env);
  }
  env.NEXTAUTH_URL ||= `http://localhost:${port}`;

  const { applyMigrations, describeMigrationResult, MigrationError } = await tsImport(
    "../lib/migrate/index.ts",
    import.meta.url,
  );
  try {
    const result = await applyMigrations({ connectionString: env.DATABASE_URL, log: (line) => console.log(line) });
    console.log(describeMigrationResult(result));
  } catch (err) {
    if (err instanceof MigrationError) throw new StartError(`Migration error: ${err.message}`);
    throw err;
  }
  if (stopSignal) return stoppedCode();

  await seedDemoData(env);
  if (stopSignal) return stoppedCode();

  if (noServer) {
    console.log("Database ready; not starting the web server (--no-server).");
    return 0;
  }
  if (embedded) await scheduleEmbeddedBackups(env);
  return serve(env);
}

/**
 * In embedded mode this process owns the database, so it also takes its backups:
 * BACKUP_SCHEDULE (daily; off), keeping BACKUP_KEEP (7), in BACKUP_DIR (.data/backups).
 * Against DATABASE_URL, backups are the server's operator's (npm run backup from cron).
 */
async function scheduleEmbeddedBackups(env) {
  const { backupIntervalMs, scheduleBackups } = await tsImport("../lib/backup/schedule-backups.ts", import.meta.url);
  const { backupDir } = await tsImport("../lib/backup/backup-database.ts", import.meta.url);
  const intervalMs = backupIntervalMs(env.BACKUP_SCHEDULE);
  if (intervalMs === null) return;
  const dir = backupDir(env);
  const keep = Number(env.BACKUP_KEEP || 7);
  stopBackups = scheduleBackups({
    connectionString: env.DATABASE_URL,
    dir,
    intervalMs,
    keep,
    log: (line) => console.log(line),
  });
}

/** Runs the web server (scripts/server.mjs: Next.js, production or dev) until it exits; its exit code. */
async function serve(env) {
  // A young generation of 32 MB per semi-space (V8's default is 8–16): what a request allocates
  // (a page render, an export's rows) mostly dies there, instead of being promoted and piling up in
  // the old generation until a full collection. And a full collection once the old generation has
  // grown by a quarter past what the last one kept: left to itself, V8 let it grow from 115 MB live
  // to 270 MB during a large export before collecting, which showed as 100–240 MB of RSS growth
  // (bench/README.md, the export benchmark).
  const flags = ["--max-semi-space-size=32", "--heap-growing-percent=25"];
  keepAliveMs();
  const server = path.join("scripts", "server.mjs");
  const exited = run(process.execPath, [...flags, server, ...(dev ? ["--dev"] : [])], { ...env, PORT: String(port) });
  if (await waitForPort(port, exited)) console.log(`Marginalia is running on ${env.NEXTAUTH_URL}`);
  return exited;
}

/**
 * How long an idle keep-alive connection stays open. Above the 60 s idle timeout of the
 * usual load balancers, so they never reuse a connection the server is closing;
 * HTTP_KEEP_ALIVE_MS overrides it.
 */
function keepAliveMs() {
  const ms = Number(process.env.HTTP_KEEP_ALIVE_MS || 65_000);
  if (!Number.isInteger(ms) || ms <= 0)
    throw new StartError("HTTP_KEEP_ALIVE_MS must be a positive number of milliseconds.");
  return ms;
}

function configureExternalDatabase(env) {
  let host;
  try {
    const url = new URL(env.DATABASE_URL);
    host = url.searchParams.get("host") ?? decodeURIComponent(url.hostname).replace(/^\[|\]$/g, "");
  } catch {
    throw new StartError("DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database).");
  }
  if (env.NEXTAUTH_SECRET) return;
  // An empty host or a socket directory is a Unix socket on this machine.
  const loopback = !host || host.startsWith("/") || host === "localhost" || host === "::1" || /^127\./.test(host);
  if (!loopback) {
    throw new StartError(`NEXTAUTH_SECRET must be set when the database is on another machine (${host}).`);
  }
  env.NEXTAUTH_SECRET = localSecret();
  console.log(`Warning: NEXTAUTH_SECRET is not set; using the one kept in ${SECRET_FILE} (set it in production).`);
}

async function startLocalDatabase(env) {
  const requestedPort = process.env.EMBEDDED_DB_PORT ? Number(process.env.EMBEDDED_DB_PORT) : undefined;
  if (requestedPort !== undefined && !(Number.isInteger(requestedPort) && requestedPort > 0 && requestedPort < 65536))
    throw new StartError("EMBEDDED_DB_PORT must be a port number.");
  const fromPglite = existsSync(PGLITE_DIR) && !existsSync(POSTGRES_DIR);
  const startedAt = Date.now();
  try {
    embedded = await startEmbeddedDatabase({
      dataDir: POSTGRES_DIR,
      port: requestedPort,
      fallbackToFreePort: true,
      log: (line) => console.log(line),
    });
  } catch (err) {
    if (err?.code === "EBUSY") throw new StartError(`${err.message} Stop the other Marginalia first.`);
    if (err?.code === "ENOEMBEDDED") throw new StartError(err.message);
    throw err;
  }
  const moved = requestedPort === undefined || embedded.port === requestedPort ? "" : ` (${requestedPort} is in use)`;
  console.log(
    `Embedded PostgreSQL at ${POSTGRES_DIR} on 127.0.0.1:${embedded.port}${moved}, ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
  );
  env.DATABASE_URL = embedded.url;
  env.NEXTAUTH_SECRET ||= localSecret();
  if (fromPglite) await moveFromPglite(env.DATABASE_URL);
}

/**
 * Copies the data of an earlier embedded PGlite database into the new server,
 * once. On any failure the new cluster is removed (the next start tries again)
 * and the PGlite folder is left as it was.
 */
async function moveFromPglite(databaseUrl) {
  console.log(`Moving your data from ${PGLITE_DIR} (PGlite) to the embedded PostgreSQL server…`);
  let result;
  try {
    result = await migrateFromPglite({ pgliteDir: PGLITE_DIR, targetUrl: databaseUrl });
  } catch (err) {
    await embedded.stop();
    embedded = undefined;
    rmSync(POSTGRES_DIR, { recursive: true, force: true });
    throw new StartError(
      `Could not move the data from ${PGLITE_DIR}: ${err.message}\nNothing was changed there; the next start tries again.`,
    );
  }
  const kept = `${PGLITE_DIR}.migrated`;
  renameSync(PGLITE_DIR, kept);
  console.log(
    `Moved ${result.rows} rows in ${result.tables} tables; every table's count matches. ` +
      `The old folder is kept as ${kept}: delete it when you no longer need it.`,
  );
}

/** The secret kept in .data/nextauth-secret, created on first use. */
function localSecret() {
  if (existsSync(SECRET_FILE)) {
    const secret = readFileSync(SECRET_FILE, "utf8").trim();
    if (secret) return secret;
  }
  mkdirSync(DATA_DIR, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Runs scripts/db-seed.ts (when present) on a database without users, unless SEED_DEMO=false. */
async function seedDemoData(env) {
  const script = path.join("scripts", "db-seed.ts");
  if (env.SEED_DEMO === "false" || !existsSync(script)) return;
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  client.on("error", () => {});
  await client.connect();
  let hasUsers;
  try {
    hasUsers = (await client.query('SELECT EXISTS (SELECT 1 FROM "User") AS "hasUsers"')).rows[0].hasUsers;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (hasUsers) return;
  // The seed imports server-only modules, which load only under the react-server condition.
  const code = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", script, "--if-empty"], env);
  if (code !== 0 && !stopSignal) console.log(`Warning: the demo data could not be created (exit code ${code}).`);
}

/** Why .next needs a new build, or null when it is up to date. */
function staleBuildReason() {
  const buildId = path.join(".next", "BUILD_ID");
  if (!existsSync(buildId)) return "no build yet";
  const builtAt = statSync(buildId).mtimeMs;
  const changed = (file) => !BUILD_INPUTS.skip(file) && statSync(file).mtimeMs > builtAt;
  for (const file of BUILD_INPUTS.files) {
    if (existsSync(file) && changed(file)) return `${file} changed`;
  }
  for (const dir of BUILD_INPUTS.dirs) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      if (entry.isFile() && changed(file)) return `${file} changed`;
    }
  }
  return null;
}

/** The exit code of a run stopped by a signal before the web server started. */
function stoppedCode() {
  return 128 + (constants.signals[stopSignal] ?? 0);
}

/** Runs npm: the same npm that runs this script when there is one. */
function npm(npmArgs) {
  const npmCli = process.env.npm_execpath;
  return npmCli && /\.[cm]?js$/.test(npmCli) ? run(process.execPath, [npmCli, ...npmArgs]) : run("npm", npmArgs);
}

/** Runs a command with inherited stdio; resolves to its exit code (128 + signal number when killed). */
function run(command, commandArgs, env = process.env) {
  return new Promise((resolve, reject) => {
    child = spawn(command, commandArgs, { env, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      child = undefined;
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

/** Resolves true once something listens on `port`, false if `exited` settles first. */
async function waitForPort(port, exited) {
  let done = false;
  exited.then(
    () => (done = true),
    () => (done = true),
  );
  while (!done) {
    const open = await new Promise((resolve) => {
      const socket = net.connect({ port, host: "127.0.0.1" });
      const settle = (result) => {
        socket.destroy();
        resolve(result);
      };
      socket.once("connect", () => settle(true));
      socket.once("error", () => settle(false));
      socket.setTimeout(1000, () => settle(false));
    });
    if (open) return !done;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function shutdown(code) {
  stopBackups?.();
  try {
    await embedded?.stop();
  } catch (err) {
    console.error("Could not close the embedded database cleanly:", err);
    code ||= 1;
  }
  process.exit(code);
}
