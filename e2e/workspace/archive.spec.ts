// An owner downloads a workspace archive from the settings page and imports it as a new workspace
// from the workspaces page; a reviewer sees no archive button and the route refuses them.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signedInUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace, importFile } from "../factories/workspaces";

test("an owner moves a workspace with its archive", async ({ page }) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Archived desk");
  await importFile(
    page,
    workspaceId,
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Field notes\n\nThe river rose at dawn.") },
    "Field notes",
  );

  await page.goto(`/w/${workspaceId}/settings`);
  const section = page.getByRole("region", { name: "Move this workspace" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    section.getByRole("link", { name: "Download workspace archive" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^Archived desk archive \d{4}-\d{2}-\d{2}\.zip$/);
  const file = await download.path();
  expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");

  await page.goto("/workspaces");
  const importer = page.getByRole("region", { name: "Import a workspace archive" });
  await importer.getByLabel("Workspace archive").setInputFiles(file);
  await importer.getByRole("button", { name: "Import archive" }).click();
  await page.waitForURL((url) => /\/w\/[^/]+/.test(url.pathname) && !url.pathname.includes(workspaceId));
  await expect(page.getByText("Field notes").first()).toBeVisible();
});

test("a bad archive is refused with its reason, and reviewers get no archive", async ({ page, browser }) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Not for reviewers");
  const invite = await createInvitation(page, workspaceId, "REVIEWER");

  await page.goto("/workspaces");
  const importer = page.getByRole("region", { name: "Import a workspace archive" });
  await importer
    .getByLabel("Workspace archive")
    .setInputFiles({ name: "broken.zip", mimeType: "application/zip", buffer: Buffer.from("not a zip") });
  await importer.getByRole("button", { name: "Import archive" }).click();
  await expect(importer.getByRole("alert")).toContainText("not a readable zip archive");

  const reviewer = await browser.newPage();
  await signedInUser(reviewer, "reviewer");
  await acceptInvitation(reviewer, invite);
  await reviewer.goto(`/w/${workspaceId}/settings`);
  await expect(reviewer.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(reviewer.getByRole("region", { name: "Move this workspace" })).toHaveCount(0);
  expect((await reviewer.request.get(`/api/workspaces/${workspaceId}/archive`)).status()).toBe(403);
  await reviewer.close();
});
