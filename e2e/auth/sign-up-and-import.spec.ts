import { expect, test } from "@playwright/test";
import { PASSWORD, uniqueEmail } from "../factories/users";
import { seedArticleParagraphs, seedArticlePath } from "../fixtures/shared-articles";

// The one spec that drives the sign-up and sign-in forms; others sign in through the API.
test("sign up, create a workspace, upload the seed article and read it character for character", async ({ page }) => {
  const email = uniqueEmail("founder");

  await page.goto("/signup");
  await page.getByLabel("Name").fill("Founding Analyst");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("heading", { name: "Your workspaces" })).toBeVisible();
  await page.getByLabel("Workspace name").fill("Central Asia desk");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { name: "Central Asia desk" })).toBeVisible();

  await page.getByRole("link", { name: "Import article" }).click();
  await page.getByLabel("File", { exact: true }).setInputFiles(seedArticlePath);
  await page.getByLabel("Source / publication").fill("Foreign Policy");
  await page.getByRole("button", { name: "Import article" }).click();

  await expect(
    page.getByRole("heading", { level: 1, name: "Afghan Resistance Mulls Formation of Government in Exile" }),
  ).toBeVisible();
  const body = page.getByTestId("article-body");
  const paragraphs = seedArticleParagraphs();
  await expect(body.locator("p")).toHaveCount(paragraphs.length);
  expect(await body.locator("p").allTextContents()).toEqual(paragraphs);

  // The list shows it with its importer.
  await page.getByRole("link", { name: "Articles" }).click();
  const row = page.getByRole("row", { name: /Afghan Resistance Mulls/ });
  await expect(row).toContainText("Foreign Policy");
  await expect(row).toContainText("Founding Analyst");

  // Sign out, then sign in again through the form.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Central Asia desk" })).toBeVisible();
});

test("unknown email and wrong password get the same message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
});
