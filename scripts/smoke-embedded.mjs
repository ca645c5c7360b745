// Smoke tests of the two-command promise, run by .ci/run after the build:
// `npm start` with no DATABASE_URL, on a fresh data folder, as a new user
// would. Each check prints one ✔/✘ line; the counts go to
// test-results/smoke.json and the exit code is non-zero if any failed.
//
//   node scripts/smoke-embedded.mjs            (SMOKE_PORT, default 3200)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { startApp as startAppProcess, stopApp, waitUntilServing } from "./app-process.mjs";

const port = Number(process.env.SMOKE_PORT ?? 3200);
const base = `http://localhost:${port}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "marginalia-smoke-"));
const postgresDir = path.join(dataDir, "postgres");
// The checks write over one API token as fast as they can, well past the per-token rate limit they do not test.
const env = {
  ...process.env,
  PORT: String(port),
  MARGINALIA_DATA_DIR: dataDir,
  NEXTAUTH_URL: base,
  API_RATE_LIMIT: "1000000",
};
delete env.DATABASE_URL;
delete env.NEXTAUTH_SECRET;

const startApp = (args) => startAppProcess(env, args);
const waitForSignIn = (app, timeoutMs) => waitUntilServing(app, `${base}/signin`, timeoutMs);

/** A signed-in browser-like client: cookies kept between requests. */
function client() {
  const jar = new Map();
  async function request(url, init = {}) {
    const res = await fetch(new URL(url, base), {
      ...init,
      redirect: "manual",
      headers: { ...init.headers, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }
  async function signIn(email, password) {
    const { csrfToken } = await (await request("/api/auth/csrf")).json();
    const res = await request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
    });
    if (!res.ok || !jar.has("next-auth.session-token")) throw new Error(`sign-in as ${email} failed (${res.status})`);
  }
  return { request, signIn };
}

function demoCredentials(output) {
  const email = output.match(/(analyst\S*@demo\.marginalia\.local)/)?.[1];
  const password = output.match(/password for all: (\S+)\)/)?.[1];
  const token = output.match(/\n\s+(mrg_\S+)/)?.[1];
  if (!email || !password || !token) throw new Error("npm start did not print the demo sign-ins and API token");
  return { email, password, token };
}

/** The demo workspace and an article with its current revision's id and text. */
async function demoArticle(token) {
  const api = (url) =>
    fetch(new URL(url, base), { headers: { authorization: `Bearer ${token}` } }).then(async (res) => {
      if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
      return res.json();
    });
  const workspaceId = (await api("/api/workspaces")).data[0].id;
  const articleId = (await api(`/api/workspaces/${workspaceId}/articles`)).data[0].id;
  const article = await api(`/api/workspaces/${workspaceId}/articles/${articleId}`);
  const revision = article.data?.currentRevision;
  if (!revision?.id || typeof revision.text !== "string") throw new Error("the article answer has no revision text");
  return { workspaceId, articleId, revisionId: revision.id, text: revision.text };
}

/** A non-blank slice of the text, different for each n. */
function span(text, n) {
  const words = [...text.matchAll(/\p{L}{4,}/gu)];
  const word = words[n % words.length];
  return { start: word.index, end: word.index + word[0].length, exact: word[0] };
}

async function createAnnotation(token, target, n, note) {
  const { start, end, exact } = span(target.text, n);
  const res = await fetch(`${base}/api/workspaces/${target.workspaceId}/articles/${target.articleId}/annotations`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ revisionId: target.revisionId, start, end, exact, note }),
  });
  if (res.status !== 201) throw new Error(`creating an annotation answered ${res.status}: ${await res.text()}`);
  const body = await res.json();
  return body.data ?? body;
}

async function listAnnotations(token, target) {
  const all = [];
  let cursor = "";
  for (;;) {
    const url = `${base}/api/workspaces/${target.workspaceId}/articles/${target.articleId}/annotations?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`listing annotations answered ${res.status}`);
    const page = await res.json();
    all.push(...page.data);
    if (!page.nextCursor) return all;
    cursor = page.nextCursor;
  }
}

/** Opens the article's event stream and collects its events. */
async function openStream(browser, target) {
  const controller = new AbortController();
  const res = await browser.request(`/api/workspaces/${target.workspaceId}/events?articleId=${target.articleId}`, {
    headers: { accept: "text/event-stream" },
    signal: controller.signal,
  });
  if (res.status !== 200) throw new Error(`the event stream answered ${res.status}`);
  const events = [];
  const waiters = new Set();
  (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = block.match(/^event: (.*)$/m)?.[1];
          const data = block.match(/^data: (.*)$/m)?.[1];
          if (!type) continue;
          const event = { type, data: data ? JSON.parse(data) : null, at: Date.now() };
          events.push(event);
          for (const waiter of waiters) waiter(event);
        }
      }
    } catch {
      // Aborted.
    }
  })();
  return {
    /** Resolves with the first event (already received or not) that `match` accepts, or rejects after `timeoutMs`. */
    waitFor(match, timeoutMs) {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching event within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (event) => {
          if (!match(event)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(event);
        };
        waiters.add(waiter);
      });
    },
    close: () => controller.abort(),
  };
}

/** The embedded server's connection string, as `npm start` printed its port and keeps its password. */
function embeddedUrl(output) {
  const pgPort = [...output.matchAll(/on 127\.0\.0\.1:(\d+)/g)].at(-1)?.[1];
  const password = readFileSync(`${postgresDir}.password`, "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/marginalia`;
}

function postmasterPid() {
  const file = path.join(postgresDir, "postmaster.pid");
  return existsSync(file) ? Number(readFileSync(file, "utf8").split("\n")[0]) : null;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// ─── the checks ───────────────────────────────────────────────────────────────

const results = [];
const timings = {};
let app;
let credentials;
let target;

async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`✔ smoke: ${name}`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`✘ smoke: ${name}: ${err.message}\n--- npm start output ---\n${app?.output.slice(-4000) ?? ""}`);
  }
}

await check(
  "a first `npm start` creates the embedded PostgreSQL, seeds the demo data and serves the sign-in page",
  async () => {
    app = startApp();
    timings.firstStartMs = await waitForSignIn(app);
    if (!/Embedded PostgreSQL at .* on 127\.0\.0\.1:\d+/.test(app.output))
      throw new Error("no embedded PostgreSQL line");
    credentials = demoCredentials(app.output);
    target = await demoArticle(credentials.token);
    const mode = statSync(`${postgresDir}.password`).mode & 0o777;
    if (mode !== 0o600) throw new Error(`the database password file has mode ${mode.toString(8)}, not 600`);
  },
);

await check(
  "an annotation created over the API reaches a signed-in event stream through LISTEN/NOTIFY within 1 s",
  async () => {
    const browser = client();
    await browser.signIn(credentials.email, credentials.password);
    const stream = await openStream(browser, target);
    try {
      await stream.waitFor((e) => e.type === "hello", 10_000);
      // The hub also reads the log every 2 s as a safety net: five deliveries each within 1 s do not come from it.
      for (let n = 0; n < 5; n++) {
        const sentAt = Date.now();
        const created = await createAnnotation(credentials.token, target, n, `smoke ${n}`);
        const event = await stream.waitFor(
          (e) => e.type === "annotation.changed" && e.data?.data?.annotationIds?.includes(created.id),
          1000,
        );
        timings[`sseDeliveryMs${n}`] = event.at - sentAt;
      }
    } finally {
      stream.close();
    }
    const db = new pg.Client({ connectionString: embeddedUrl(app.output) });
    await db.connect();
    try {
      const { rows } = await db.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query ILIKE 'LISTEN%marginalia_live%'",
      );
      if (rows[0].n < 1) throw new Error("no connection of the app LISTENs on marginalia_live");
    } finally {
      await db.end();
    }
  },
);

await check(
  "a second `npm start` on the same data folder says it is in use, and leaves the first running",
  async () => {
    const second = startApp(["--no-server"]);
    const { code } = await Promise.race([second.exited, sleep(60_000).then(() => ({ code: "timeout" }))]);
    if (code === 0 || code === "timeout") throw new Error(`the second start exited with ${code}`);
    if (!/is in use by another Marginalia \(pid \d+\)\. Stop the other Marginalia first\./.test(second.output))
      throw new Error(`it said: ${second.output.trim().split("\n").at(-1)}`);
    if (!(await fetch(`${base}/signin`)).ok) throw new Error("the first instance stopped answering");
  },
);

await check("Ctrl-C stops the app and the database cleanly, and the next start serves again in seconds", async () => {
  const pid = postmasterPid();
  const { code, signal } = await stopApp(app, "SIGINT");
  if (code === "timeout") throw new Error("npm start did not exit within 30 s of Ctrl-C");
  // Ctrl-C reaches npm start and the web server, and npm start forwards it: the server stops once, cleanly.
  if (code !== 0) throw new Error(`npm start exited with ${signal ? `signal ${signal}` : `code ${code}`}, not 0`);
  if (alive(pid)) throw new Error(`the database server (pid ${pid}) is still running`);
  if (existsSync(path.join(postgresDir, "postmaster.pid"))) throw new Error("postmaster.pid was left behind");
  if (existsSync(`${postgresDir}.lock`)) throw new Error("the data folder's lock was left behind");
  app = startApp();
  timings.laterStartMs = await waitForSignIn(app);
  if ((await listAnnotations(credentials.token, target)).filter((a) => a.note?.startsWith("smoke ")).length !== 5)
    throw new Error("the annotations of the first run are not all there");
});

/** Writes in 8 loops until `stop()`; the annotations the server acknowledged (201), by id. */
function writeLoad() {
  const acknowledged = new Map();
  let running = true;
  let n = 1000;
  const loops = Array.from({ length: 8 }, async () => {
    while (running) {
      const i = n++;
      try {
        const created = await createAnnotation(credentials.token, target, i, `load ${i}`);
        acknowledged.set(created.id, `load ${i}`);
      } catch {
        // Refused or cut off by the kill: not acknowledged.
      }
    }
  });
  return { acknowledged, stop: async () => ((running = false), await Promise.all(loops)) };
}

async function killDuringWrites(killDatabaseToo) {
  const load = writeLoad();
  await sleep(3000);
  const pgPid = postmasterPid();
  process.kill(-app.child.pid, "SIGKILL");
  if (killDatabaseToo) process.kill(pgPid, "SIGKILL");
  await app.exited;
  await load.stop();
  if (load.acknowledged.size < 10) throw new Error(`only ${load.acknowledged.size} writes were acknowledged`);
  if (!killDatabaseToo && !alive(pgPid)) throw new Error("the database server did not outlive the app");

  app = startApp();
  await waitForSignIn(app, 120_000);
  if (!killDatabaseToo && alive(pgPid)) throw new Error("the database server left behind is still running");
  const annotations = await listAnnotations(credentials.token, target);
  const copies = new Map();
  for (const a of annotations) copies.set(a.id, (copies.get(a.id) ?? 0) + 1);
  for (const [id, note] of load.acknowledged) {
    const found = annotations.find((a) => a.id === id);
    if (!found) throw new Error(`acknowledged annotation ${id} is missing`);
    if (found.note !== note) throw new Error(`annotation ${id} has note ${found.note}, not ${note}`);
    if (copies.get(id) !== 1) throw new Error(`annotation ${id} is listed ${copies.get(id)} times`);
  }
  return load.acknowledged.size;
}

await check(
  "kill -9 of the app during writes: the next start takes over the database server and every acknowledged write is there",
  async () => {
    timings.writesBeforeAppKill = await killDuringWrites(false);
  },
);

await check(
  "kill -9 of the app and the database during writes: the next start recovers and every acknowledged write is there",
  async () => {
    timings.writesBeforeFullKill = await killDuringWrites(true);
  },
);

await stopApp(app, "SIGTERM");
await sleep(500);
rmSync(dataDir, { recursive: true, force: true });

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
mkdirSync("test-results", { recursive: true });
writeFileSync("test-results/smoke.json", JSON.stringify({ passed, failed, timings, results }, null, 2));
console.log(`smoke timings: ${JSON.stringify(timings)}`);
process.exit(failed ? 1 : 0);
