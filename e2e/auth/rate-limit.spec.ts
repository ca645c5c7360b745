import { expect, test } from "@playwright/test";
import { signUp } from "../factories/users";

test("failed sign-ins for one email are limited: the 11th answers 429 with Retry-After", async ({ request }) => {
  const user = await signUp(request, "target");
  const attempt = async (password: string) => {
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    return request.post("/api/auth/callback/credentials", {
      form: { email: user.email, password, csrfToken, json: "true" },
      maxRedirects: 0,
    });
  };
  for (let i = 0; i < 10; i++) {
    const res = await attempt(`wrong-password-${i}`);
    expect(res.status()).not.toBe(429);
  }
  const limited = await attempt("wrong-password-again");
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  const body = await limited.json();
  expect(body.error.code).toBe("RATE_LIMITED");
  // Even the right password is refused while the limit holds.
  expect((await attempt(user.password)).status()).toBe(429);
});

test("the limit holds for a JSON body too: a locked account is not signed in with the right password", async ({
  request,
}) => {
  const user = await signUp(request, "json-target");
  const attempt = async (password: string) => {
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    return request.post("/api/auth/callback/credentials", {
      data: { email: user.email, password, csrfToken, json: "true" },
      maxRedirects: 0,
    });
  };
  for (let i = 0; i < 10; i++) expect((await attempt(`wrong-password-${i}`)).status()).not.toBe(429);
  const right = await attempt(user.password);
  expect(right.status()).toBe(429);
  expect((await request.storageState()).cookies.some((c) => c.name.includes("session-token"))).toBe(false);
});
