import { defineConfig, devices } from "@playwright/test";

// scripts/e2e.mjs chooses the browser, the port and a fresh database, then runs this.
const port = Number(process.env.E2E_PORT ?? 3100);
// The fixture news site of the capture specs (e2e/fixtures/capture-site.mjs).
const captureSitePort = Number(process.env.CAPTURE_SITE_PORT ?? port + 95);
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined;
const launchOptions = {
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      // The small-screen specs run in their own project.
      testIgnore: /e2e\/mobile\//,
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    {
      name: "mobile",
      testMatch: /e2e\/mobile\/.*\.spec\.ts$/,
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        launchOptions,
      },
    },
  ],
  webServer: [
    {
      command: "node scripts/start.mjs",
      url: `http://localhost:${port}/signin`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        ...process.env,
        PORT: String(port),
        NEXTAUTH_URL: `http://localhost:${port}`,
        // A line per request would bury the test report; warnings and errors still show.
        LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
        // The test-only allow list: the fixture site, on loopback, is refused without it.
        CAPTURE_ALLOWED_HOSTS: `127.0.0.1:${captureSitePort}`,
      } as Record<string, string>,
    },
    {
      command: "node e2e/fixtures/capture-site.mjs",
      url: `http://127.0.0.1:${captureSitePort}/health`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { ...process.env, CAPTURE_SITE_PORT: String(captureSitePort) } as Record<string, string>,
    },
  ],
});
