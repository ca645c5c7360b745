import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";

export const PASSWORD = "correct-horse-battery";

let n = 0;
/** A unique email for this test run. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${Date.now().toString(36)}-${(n++).toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.marginalia.local`;
}

export type E2EUser = { name: string; email: string; password: string };

/** Creates an account through the API. */
export async function signUp(request: APIRequestContext, label = "user"): Promise<E2EUser> {
  const user = {
    name: `${label[0].toUpperCase()}${label.slice(1)} Tester`,
    email: uniqueEmail(label),
    password: PASSWORD,
  };
  const res = await request.post("/api/auth/signup", { data: user });
  expect(res.status(), await res.text()).toBe(201);
  return user;
}

/** Signs in by posting to next-auth's credentials callback; the page's context gets the cookie. */
export async function signIn(page: Page, user: E2EUser): Promise<void> {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { email: user.email, password: user.password, csrfToken, json: "true", callbackUrl: "/" },
  });
  expect(res.ok(), await res.text()).toBe(true);
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.includes("next-auth.session-token"))).toBe(true);
}

/** A signed-in user with a fresh account. */
export async function signedInUser(page: Page, label = "user"): Promise<E2EUser> {
  const user = await signUp(page.request, label);
  await signIn(page, user);
  return user;
}
