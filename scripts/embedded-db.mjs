// Embedded PostgreSQL: PGlite (Postgres compiled to WebAssembly) served over
// the Postgres wire protocol, so the app, pg and Prisma connect to it like to
// any server. Used by scripts/start.mjs (on disk) and the test harness (in memory).
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * Starts PGlite and a socket server in this process.
 *
 * PGlite runs one Postgres session; the socket server multiplexes up to
 * `maxConnections` clients over it (a client's transaction runs alone), and
 * closes any connection beyond that, so keep connection pools below it.
 * With `dataDir` the data persists there and the directory is locked against
 * a second server (`<dataDir>.pid`); without it the database lives in memory.
 * If `port` is taken and `fallbackToFreePort` is set, any free port is used.
 *
 * @param {{ dataDir?: string, host?: string, port?: number, fallbackToFreePort?: boolean, maxConnections?: number }} [options]
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startEmbeddedDatabase(options = {}) {
  const { dataDir, host = "127.0.0.1", port = 0, fallbackToFreePort = false, maxConnections = 8 } = options;
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => {};
  let db;
  try {
    db = await PGlite.create(dataDir ? { dataDir } : {});
  } catch (err) {
    releaseLock();
    throw err;
  }

  let server;
  try {
    server = await listen({ db, host, port, maxConnections });
  } catch (err) {
    if (err?.code === "EADDRINUSE" && fallbackToFreePort && port !== 0) {
      server = await listen({ db, host, port: 0, maxConnections });
    } else {
      await db.close();
      releaseLock();
      throw err;
    }
  }

  const actualPort = Number(server.getServerConn().split(":").pop());
  let stopping;
  return {
    url: `postgresql://postgres@${host.includes(":") ? `[${host}]` : host}:${actualPort}/postgres?sslmode=disable`,
    port: actualPort,
    /** Closes every connection, then shuts PGlite down cleanly so its files are consistent. Idempotent. */
    stop() {
      stopping ??= (async () => {
        try {
          await server.stop();
        } finally {
          await db.close();
          releaseLock();
        }
      })();
      return stopping;
    },
  };
}

async function listen({ db, host, port, maxConnections }) {
  const server = new PGLiteSocketServer({ db, host, port, maxConnections });
  await server.start();
  return server;
}

/** Takes `<dataDir>.pid`, or throws if a live process holds it; returns the release function. */
function lockDataDir(dataDir) {
  const lockPath = `${dataDir.replace(/[/\\]+$/, "")}.pid`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      const owner = Number(readFileSync(lockPath, "utf8").trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw Object.assign(new Error(`${dataDir} is in use by another process (pid ${owner}).`), { code: "EBUSY" });
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
