// Guessing is limited everywhere a password or an account is tried: sign-up per
// IP, and the current password on the password-change form like sign-in.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyCredentials } from "@/lib/server/users/verify-credentials";
import { callRoute } from "@/test/call-route";
import { sessionCookie } from "@/test/factories";

process.env.SIGNUP_IP_LIMIT = "3";

const unique = () => Math.random().toString(36).slice(2);
const randomIp = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

const signup = (ip: string, email = `limit-${unique()}@test.marginalia.local`) =>
  callRoute({
    file: "api/auth/signup/route.ts",
    method: "POST",
    json: { name: "Limited", email, password: "a-long-enough-secret" },
    headers: { "x-marginalia-client-ip": ip },
  });

describe("sign-up", () => {
  it("is limited per IP: past SIGNUP_IP_LIMIT an hour, 429 with Retry-After, and no account", async () => {
    const ip = randomIp();
    for (let i = 0; i < 3; i++) expect((await signup(ip)).status).toBe(201);
    const email = `limit-${unique()}@test.marginalia.local`;
    const limited = await signup(ip, email);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect((await limited.json()).error.code).toBe("RATE_LIMITED");
    expect(await db.user.count({ where: { email } })).toBe(0);
    // Another address is not affected.
    expect((await signup(`${ip}1`)).status).toBe(201);
  });
});

describe("the password-change form", () => {
  it("limits wrong current passwords like sign-in: the 11th try is 429 even when right", async () => {
    const email = `pw-${unique()}@test.marginalia.local`;
    expect((await signup(randomIp(), email)).status).toBe(201);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const cookie = await sessionCookie(user);
    const ip = randomIp();
    const change = (currentPassword: string) =>
      callRoute({
        file: "api/account/password/route.ts",
        method: "POST",
        cookie,
        json: { currentPassword, newPassword: "brand-new-secret-1" },
        headers: { "x-marginalia-client-ip": ip },
      });
    for (let i = 0; i < 10; i++) expect((await change(`wrong-guess-${i}`)).status).toBe(422);
    const limited = await change("a-long-enough-secret");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await verifyCredentials({ email, password: "a-long-enough-secret" })).not.toBeNull();
  });

  it("forgets the wrong tries after a successful change", async () => {
    const email = `pw-${unique()}@test.marginalia.local`;
    expect((await signup(randomIp(), email)).status).toBe(201);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const change = async (currentPassword: string, newPassword: string) =>
      callRoute({
        file: "api/account/password/route.ts",
        method: "POST",
        cookie: await sessionCookie(await db.user.findUniqueOrThrow({ where: { id: user.id } })),
        json: { currentPassword, newPassword },
        headers: { "x-marginalia-client-ip": randomIp() },
      });
    for (let i = 0; i < 9; i++) expect((await change(`wrong-guess-${i}`, "brand-new-secret-1")).status).toBe(422);
    expect((await change("a-long-enough-secret", "brand-new-secret-1")).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await change(`wrong-again-${i}`, "brand-new-secret-2")).status).toBe(422);
    expect((await change("brand-new-secret-1", "brand-new-secret-2")).status).toBe(200);
  });
});
