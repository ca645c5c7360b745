import { expect, test } from "@playwright/test";
import { signedInUser, signIn, signUp } from "../factories/users";
import { createWorkspace } from "../factories/workspaces";

test("an owner's invitation link lets a second user join as analyst", async ({ page, browser }) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Invite desk");

  await page.goto(`/w/${workspaceId}/members`);
  await page.getByLabel("Role", { exact: true }).selectOption("ANALYST");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const url = (await page.getByTestId("invitation-url").textContent())!.trim();
  expect(url).toContain("/invite/");

  const other = await browser.newContext();
  const guest = await other.newPage();
  const analyst = await signUp(guest.request, "analyst");
  await signIn(guest, analyst);
  await guest.goto(new URL(url).pathname);
  await expect(guest.getByRole("heading", { name: "Join “Invite desk”" })).toBeVisible();
  await guest.getByRole("button", { name: "Accept invitation" }).click();
  await expect(guest.getByRole("heading", { name: "Invite desk" })).toBeVisible();
  await expect(guest.getByRole("link", { name: "Import article" })).toBeVisible();

  // The link is used up.
  await guest.goto(new URL(url).pathname);
  await expect(guest.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();
  await other.close();

  await page.reload();
  await expect(page.getByLabel(`Role of ${analyst.name}`)).toHaveValue("ANALYST");
});
