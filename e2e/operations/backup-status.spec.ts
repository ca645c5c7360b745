// Workspace owners see when this installation was last backed up, and how big the backup is; others do not.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signedInUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace } from "../factories/workspaces";

const dir = process.env.BACKUP_DIR || path.join(process.env.MARGINALIA_DATA_DIR || ".data", "backups");
// Newer than any real backup, so it is the last one whatever else the folder holds.
// Named as the embedded mode names its (logical-format) backups.
const file = path.join(dir, "marginalia-20991231T230000Z.logical.gz");

test.afterAll(() => rmSync(file, { force: true }));

test("the settings page shows owners the last backup's time and size", async ({ page, browser }) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, Buffer.alloc(3 * 1024 * 1024));
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Backed up");
  const invite = await createInvitation(page, workspaceId, "REVIEWER");

  await page.goto(`/w/${workspaceId}/settings`);
  const section = page.getByRole("region", { name: "Backups" });
  await expect(section).toContainText("31 Dec 2099, 23:00 UTC");
  await expect(section).toContainText("(3.0 MB)");

  const reviewer = await browser.newPage();
  await signedInUser(reviewer, "reviewer");
  await acceptInvitation(reviewer, invite);
  await reviewer.goto(`/w/${workspaceId}/settings`);
  await expect(reviewer.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(reviewer.getByRole("region", { name: "Backups" })).toHaveCount(0);
  await reviewer.close();
});
