import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { annotateViaApi } from "../factories/annotations";
import { threadPane } from "../factories/discussion";
import { PASSWORD, signedInUser, uniqueEmail } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";
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

test("a signed-out deep link keeps its whole path and query through sign-in", async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const user = await signedInUser(owner, "deeplink");
  const workspaceId = await createWorkspace(owner, "Deep links");
  const articleId = await importFile(owner, workspaceId, {
    name: "afghan-resistance-2021.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const annotationId = await annotateViaApi(owner, workspaceId, articleId, "Amrullah Saleh");
  await ownerContext.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  const links = [
    `/w/${workspaceId}/review?status=PROPOSED&article=${articleId}`,
    `/w/${workspaceId}/entities/network?min=2`,
    `/w/${workspaceId}/articles/${articleId}?annotation=${annotationId}`,
  ];
  for (const link of links) {
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(link);
  }

  // Signing in on the last one opens the article at the annotation, its discussion open.
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL((url) => url.pathname + url.search === links[2]);
  await expect(threadPane(page)).toContainText("Amrullah Saleh");
  await context.close();
});
