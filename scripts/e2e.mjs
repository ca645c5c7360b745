// npm run test:e2e — Playwright against the production build, on a fresh
// database that is dropped afterwards. With no reachable PostgreSQL server, on
// an embedded PostgreSQL server started for the run in a temporary folder.
import { spawnSync } from "node:child_process";
import pg from "pg";
import { startEmbeddedDatabase } from "./embedded-db.mjs";
import { findChromium } from "./find-chromium.mjs";
import { assertNoHiddenDuplicates } from "./hidden-duplicates.mjs";

const configuredUrl =
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
let adminUrl = configuredUrl;

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on("error", () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createDatabase() {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const name = `marginalia_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

async function dropDatabase(name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}

const chromium = findChromium();
if (chromium === null) process.exit(1);

const env = {
  ...process.env,
  PLAYWRIGHT_CHROMIUM_PATH: chromium ?? "",
  SEED_DEMO: "false",
  SIGNIN_IP_LIMIT: "1000",
  // Every test signs its users up from 127.0.0.1.
  SIGNUP_IP_LIMIT: "100000",
  // Playwright's request contexts reuse idle sockets with no timeout of their own
  // (microsoft/playwright#42698): a server that closes them first answers a test's next
  // request with ECONNRESET. No test idles for ten minutes.
  HTTP_KEEP_ALIVE_MS: "600000",
};
let embedded = null;
if (!(await reachable(configuredUrl))) {
  embedded = await startEmbeddedDatabase({ ephemeral: true });
  adminUrl = embedded.serverUrl;
  console.log(`No PostgreSQL reachable: the e2e run uses an embedded PostgreSQL server on port ${embedded.port}.`);
}
const database = await createDatabase();
env.DATABASE_URL = database.url;
env.NEXTAUTH_SECRET ??= "e2e-secret-not-for-production-use-0123456789";

const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit", env });

// Before the database goes: no test may have left two live annotations on one span by one author.
let duplicatesFound = false;
try {
  await assertNoHiddenDuplicates(database.url);
} catch (err) {
  console.error(err.message);
  duplicatesFound = true;
}

await dropDatabase(database.name).catch((err) => console.error("Could not drop the e2e database:", err.message));
await embedded?.stop();
process.exit(duplicatesFound ? 1 : (result.status ?? 1));
