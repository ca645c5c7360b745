import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envProblem, envVariableNames } from "./env-schema";

describe("envProblem", () => {
  it("accepts an empty environment and good values", () => {
    expect(envProblem({})).toBeNull();
    expect(
      envProblem({
        DATABASE_URL: "postgresql://u:p@db:5432/m",
        NEXTAUTH_URL: "https://marginalia.example.org",
        PORT: "3000",
        TRUST_PROXY: "10.0.0.0/8, 192.0.2.1",
        LOG_LEVEL: "debug",
        BACKUP_SCHEDULE: "6h",
        MARGINALIA_LIVE_TRANSPORT: "poll",
        SEED_DEMO: "",
      }),
    ).toBeNull();
  });

  it.each([
    [{ NEXTAUTH_URL: "localhost:3000" }, 'NEXTAUTH_URL must be a URL, got "localhost:3000"'],
    [{ PORT: "80a" }, 'PORT must be a port number (1–65535), got "80a"'],
    [{ PORT: "70000" }, 'PORT must be a port number (1–65535), got "70000"'],
    [{ SEED_DEMO: "no" }, 'SEED_DEMO must be "true" or "false", got "no"'],
    [
      { LOG_LEVEL: "verbose" },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    ],
    [
      { BACKUP_SCHEDULE: "weekly" },
      'BACKUP_SCHEDULE must be "off", "daily" or a number of hours such as "6h", got "weekly"',
    ],
    [{ API_RATE_LIMIT: "0" }, 'API_RATE_LIMIT must be a positive whole number, got "0"'],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL must be a postgresql:// URL"],
    [{ METRICS_TOKEN: "short" }, "METRICS_TOKEN must be at least 16 characters"],
  ])("%j → %s", (env, line) => {
    expect(envProblem(env)).toBe(line);
  });

  it("names a bad TRUST_PROXY entry", () => {
    expect(envProblem({ TRUST_PROXY: "not-an-address" })).toMatch(/^TRUST_PROXY .*not-an-address/);
  });
});

describe("README configuration table", () => {
  const readme = readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
  const section = readme.slice(
    readme.indexOf("## Configuration"),
    readme.indexOf("\n## ", readme.indexOf("## Configuration") + 5),
  );
  const documented = new Set(
    section
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .flatMap((line) => [...line.split("|")[1].matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1])),
  );

  it("documents every variable of the schema", () => {
    expect(envVariableNames.filter((name) => !documented.has(name))).toEqual([]);
  });

  it("documents no variable the schema does not check", () => {
    expect([...documented].filter((name) => !(envVariableNames as string[]).includes(name))).toEqual([]);
  });
});
