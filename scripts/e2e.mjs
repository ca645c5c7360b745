// npm run test:e2e — Playwright against the production build, on a fresh
// database that is dropped afterwards. With no reachable PostgreSQL the app
// runs on embedded PGlite in a temporary data folder instead.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findChromium } from "./find-chromium.mjs";
import { assertNoHiddenDuplicates } from "./hidden-duplicates.mjs";

const adminUrl =
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

async function createDatabase() {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return null;
  }
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
  // Playwright's request contexts reuse idle sockets with no timeout of their own
  // (microsoft/playwright#42698): a server that closes them first answers a test's next
  // request with ECONNRESET. No test idles for ten minutes.
  HTTP_KEEP_ALIVE_MS: "600000",
};
const database = await createDatabase();
let dataDir;
if (database) {
  env.DATABASE_URL = database.url;
  env.NEXTAUTH_SECRET ??= "e2e-secret-not-for-production-use-0123456789";
} else {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "marginalia-e2e-"));
  delete env.DATABASE_URL;
  env.MARGINALIA_DATA_DIR = dataDir;
  console.log("No PostgreSQL reachable: the e2e run uses embedded PGlite.");
}

const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit", env });

// Before the database goes: no test may have left two live annotations on one span by one author.
let duplicatesFound = false;
if (database) {
  try {
    await assertNoHiddenDuplicates(database.url);
  } catch (err) {
    console.error(err.message);
    duplicatesFound = true;
  }
}

if (database)
  await dropDatabase(database.name).catch((err) => console.error("Could not drop the e2e database:", err.message));
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
process.exit(duplicatesFound ? 1 : (result.status ?? 1));
