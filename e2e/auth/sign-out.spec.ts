import { expect, request as playwrightRequest, test } from "@playwright/test";
import { signedInUser } from "../factories/users";
import { createWorkspace } from "../factories/workspaces";

test("signing out ends the session on the server: the old cookie neither reads nor writes", async ({
  page,
  baseURL,
}) => {
  await signedInUser(page, "leaver");
  await createWorkspace(page, "Before sign-out");
  const session = (await page.context().cookies()).find((c) => c.name.includes("next-auth.session-token"))!;
  expect(session).toBeDefined();

  await page.goto("/");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  // Someone who copied the cookie before the sign-out.
  const copy = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: `${session.name}=${session.value}` },
  });
  try {
    const read = await copy.get("/api/workspaces");
    expect(read.status()).toBe(401);
    const write = await copy.post("/api/workspaces", { data: { name: "After sign-out" } });
    expect(write.status()).toBe(401);
  } finally {
    await copy.dispose();
  }
});
