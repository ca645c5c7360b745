import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUTH_WRAPPED } from "@/lib/auth/with-auth";

const root = path.resolve(__dirname, "..");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const sourceFiles = [
  ...walk(path.join(root, "app")),
  ...walk(path.join(root, "lib")),
  ...walk(path.join(root, "components")),
].filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes(`${path.sep}generated${path.sep}`));
const routeFiles = sourceFiles.filter((f) => /[/\\]route\.ts$/.test(f));
const serverActionFiles = sourceFiles.filter((f) => /^\s*["']use server["']/m.test(readFileSync(f, "utf8")));

describe("every route handler goes through withAuth", () => {
  it("finds the route handlers", () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(10);
  });

  it.each(routeFiles.map((f) => [path.relative(root, f)]))("%s", async (file) => {
    const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    const handlers = HTTP_METHODS.filter((m) => m in mod);
    expect(handlers.length, "a route file exports at least one handler").toBeGreaterThan(0);
    for (const method of handlers) {
      const handler = mod[method] as { [AUTH_WRAPPED]?: true };
      expect(handler?.[AUTH_WRAPPED], `${method} in ${file} is not wrapped with withAuth`).toBe(true);
    }
  });
});

describe("server actions", () => {
  it("every 'use server' module exports only wrapped functions", async () => {
    for (const file of serverActionFiles) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, { [AUTH_WRAPPED]?: true }>;
      for (const [name, value] of Object.entries(mod)) {
        expect(value?.[AUTH_WRAPPED], `${name} in ${path.relative(root, file)} is not wrapped`).toBe(true);
      }
    }
  });
});
