import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./content-security-policy";

const directives = (policy: string) =>
  new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );

describe("contentSecurityPolicy", () => {
  it("lets scripts run only with the nonce: no unsafe-inline, no unsafe-eval in production", () => {
    const script = directives(contentSecurityPolicy("abc"))!.get("script-src")!;
    expect(script).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(directives(contentSecurityPolicy("abc")).get("object-src")).toEqual(["'none'"]);
    expect(directives(contentSecurityPolicy("abc")).get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("allows eval only in development", () => {
    expect(directives(contentSecurityPolicy("abc", { dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const a = newNonce();
    expect(atob(a)).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
