// Finds a Chromium for Playwright: PLAYWRIGHT_CHROMIUM_PATH, else the system's
// /usr/bin/chromium, else Playwright's own (installing it when the network allows).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function playwrightChromium() {
  try {
    const { chromium } = require("playwright-core");
    const path = chromium.executablePath();
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Returns an executable path, "" for Playwright's default, or null with a reason printed. */
export function findChromium() {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    console.error(`PLAYWRIGHT_CHROMIUM_PATH=${fromEnv} does not exist.`);
    return null;
  }
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (existsSync(candidate)) return candidate;
  }
  const bundled = playwrightChromium();
  if (bundled) return bundled;
  console.log("No Chromium found; trying `npx playwright install chromium`…");
  const result = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  if (result.status === 0 && playwrightChromium()) return playwrightChromium();
  console.error(
    "No browser for the e2e tests: install Chromium (e.g. `apt-get install chromium`) or set PLAYWRIGHT_CHROMIUM_PATH.",
  );
  return null;
}
