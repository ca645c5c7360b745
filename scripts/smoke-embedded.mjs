// Smoke test of the two-command promise: with no DATABASE_URL, `npm start`
// serves the app on embedded PGlite with demo data; a demo user signs in and
// opens a demo article. Prints one line and exits non-zero on failure.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const port = Number(process.env.SMOKE_PORT ?? 3200);
const base = `http://localhost:${port}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "marginalia-smoke-"));
const env = { ...process.env, PORT: String(port), MARGINALIA_DATA_DIR: dataDir, NEXTAUTH_URL: base };
delete env.DATABASE_URL;
delete env.NEXTAUTH_SECRET;

const server = spawn("node", ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
let output = "";
server.stdout.on("data", (d) => (output += d));
server.stderr.on("data", (d) => (output += d));

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

async function waitForServer() {
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/signin`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the server did not come up in 10 minutes");
}

async function smoke() {
  await waitForServer();
  const printed = output.match(/(\S+@demo\.marginalia\.local)/);
  const password = output.match(/password for all: (\S+)\)/)?.[1];
  if (!printed || !password) throw new Error("npm start did not print the demo sign-ins");
  const { csrfToken } = await (await request("/api/auth/csrf")).json();
  const signIn = await request("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: printed[1], password, csrfToken, json: "true" }),
  });
  if (!signIn.ok || !jar.has("next-auth.session-token")) throw new Error(`demo sign-in failed (${signIn.status})`);
  const workspaces = await (await request("/api/workspaces")).json();
  const workspaceId = workspaces.data?.[0]?.id;
  if (!workspaceId) throw new Error("the demo user has no workspace");
  const articles = await (await request(`/api/workspaces/${workspaceId}/articles`)).json();
  const article = articles.data?.[0];
  if (!article) throw new Error("the demo workspace has no article");
  const page = await request(`/w/${workspaceId}/articles/${article.id}`);
  const html = await page.text();
  if (page.status !== 200 || !html.includes("article-body"))
    throw new Error(`the demo article page answered ${page.status}`);
  return article.title;
}

let status = 0;
try {
  const title = await smoke();
  console.log(`✔ smoke: embedded default served the demo article “${title}”`);
} catch (err) {
  status = 1;
  console.log(`✘ smoke: ${err.message}\n--- npm start output ---\n${output.slice(-4000)}`);
} finally {
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {}
  await new Promise((r) => setTimeout(r, 3000));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
