import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authOptions } from "@/lib/auth/options";
import { recordFailedSignIn } from "@/lib/auth/rate-limit";
import { callRoute } from "@/test/call-route";

const PASSWORD = "a-long-enough-secret";
const unique = () => Math.random().toString(36).slice(2);

async function signUp(): Promise<string> {
  const email = `limits-${unique()}@test.marginalia.local`;
  const res = await callRoute({
    file: "api/auth/signup/route.ts",
    method: "POST",
    json: { name: "Target", email, password: PASSWORD },
  });
  expect(res.status).toBe(201);
  return email;
}

const lockEmail = async (email: string) => {
  for (let i = 0; i < 10; i++) await recordFailedSignIn(email, `198.51.100.${i}`);
};

/** POST /api/auth/callback/credentials with the given body and content type. */
const credentialsCallback = (body: string, contentType: string, headers: Record<string, string> = {}) =>
  callRoute({
    file: "api/auth/[...nextauth]/route.ts",
    method: "POST",
    params: { nextauth: "callback/credentials" },
    body,
    headers: { "content-type": contentType, ...headers },
  });

describe("the failed-sign-in limit holds whatever the body's encoding", () => {
  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "text/plain; application/json",
    "application/x-www-form-urlencoded",
  ])("a locked email answers 429 to %s, even with the right password", async (contentType) => {
    const email = await signUp();
    await lockEmail(email);
    const fields = { csrfToken: "x", email: email.toUpperCase(), password: PASSWORD, json: "true" };
    const body = contentType.includes("json") ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
    const res = await credentialsCallback(body, contentType);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe("RATE_LIMITED");
  });

  it("next-auth's authorize refuses a locked email with the right password", async () => {
    const email = await signUp();
    const provider = authOptions().providers[0] as unknown as {
      options: { authorize: (credentials: unknown, req: unknown) => Promise<unknown> };
    };
    const ip = { headers: { "x-marginalia-client-ip": "192.0.2.44" } };
    expect(await provider.options.authorize({ email, password: PASSWORD }, ip)).toMatchObject({ email });
    await lockEmail(email);
    expect(await provider.options.authorize({ email, password: PASSWORD }, ip)).toBeNull();
  });
});

describe("the per-IP limit counts the address the web server saw, not X-Forwarded-For", () => {
  it("a client that rewrites X-Forwarded-For stays limited", async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    // The IP's 100 failures (SIGNIN_IP_LIMIT), on as many emails.
    for (let i = 0; i < 100; i++) await recordFailedSignIn(`ip-${unique()}@test.marginalia.local`, ip);
    const fields = { csrfToken: "x", email: `fresh-${unique()}@test.marginalia.local`, password: PASSWORD };
    const res = await credentialsCallback(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", {
      "x-marginalia-client-ip": ip,
      "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
    });
    expect(res.status).toBe(429);
  });
});

describe("sign-in says nothing about whether an account exists", () => {
  const authorize = (credentials: unknown) =>
    (
      authOptions().providers[0] as unknown as {
        options: { authorize: (credentials: unknown, req: unknown) => Promise<unknown> };
      }
    ).options.authorize(credentials, { headers: { "x-marginalia-client-ip": "192.0.2.45" } });

  it("an unknown email, a wrong password and a disabled account are all refused alike, and all count", async () => {
    const [known, disabled] = [await signUp(), await signUp()];
    await db.user.update({ where: { email: disabled }, data: { disabledAt: new Date() } });
    const unknown = `nobody-${unique()}@test.marginalia.local`;
    expect(await authorize({ email: unknown, password: PASSWORD })).toBeNull();
    expect(await authorize({ email: known, password: "wrong-password!" })).toBeNull();
    expect(await authorize({ email: disabled, password: PASSWORD })).toBeNull();
    // The per-email limit locks an unknown email exactly as it locks an existing one.
    for (const email of [unknown, known]) {
      for (let i = 0; i < 9; i++) await authorize({ email, password: `wrong-${i}-password` });
      const res = await credentialsCallback(
        new URLSearchParams({ csrfToken: "x", email, password: PASSWORD }).toString(),
        "application/x-www-form-urlencoded",
      );
      expect(res.status).toBe(429);
      expect((await res.json()).error.message).toMatch(/^Too many failed sign-ins\. Try again in \d+ minutes\.$/);
    }
  });
});
