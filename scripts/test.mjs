// npm test — lint, typecheck, unit + integration (vitest) and e2e (Playwright),
// then one summary line counting every test of every runner.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";

mkdirSync("test-results", { recursive: true });
const steps = [];

function run(name, command, args, countFrom) {
  console.log(`\n▶ ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  const ok = result.status === 0;
  const counts = countFrom ? countFrom() : { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
  if (!ok && counts.failed === 0) counts.failed = 1;
  steps.push({ name, ok, ...counts, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

function vitestCounts() {
  const file = "test-results/vitest.json";
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, "utf8"));
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0),
  };
}

function playwrightCounts() {
  const file = "test-results/e2e.json";
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0 };
}

for (const f of ["test-results/vitest.json", "test-results/e2e.json"]) rmSync(f, { force: true });

run("lint", "npx", ["eslint", "--max-warnings", "0", "."]);
run("format", "npx", ["prettier", "--check", "."]);
run("typecheck", "npx", ["tsc", "--noEmit"]);
run(
  "unit + integration",
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest.json"],
  vitestCounts,
);
run("e2e", "node", ["scripts/e2e.mjs"], playwrightCounts);

const passed = steps.reduce((n, s) => n + s.passed, 0);
const failed = steps.reduce((n, s) => n + s.failed, 0);
console.log("\nSummary:");
for (const s of steps)
  console.log(`  ${s.ok ? "✔" : "✘"} ${s.name.padEnd(20)} ${s.passed} passed, ${s.failed} failed (${s.seconds}s)`);
// The folder is the runners'; one that died before writing anything leaves none.
mkdirSync("test-results", { recursive: true });
writeFileSync("test-results/summary.json", JSON.stringify({ passed, failed, steps }, null, 2));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
