import { expect, test } from "@playwright/test";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";

test("deleting an article is soft: it leaves the list, and Undo brings the same article back", async ({ page }) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Deleting desk");
  const articleId = await importFile(page, workspaceId, {
    name: "memo.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("Quarterly memo\n\nNumbers went up."),
  });

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Delete article" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Article deleted." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Quarterly memo" })).toHaveCount(0);
  expect((await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}`)).status()).toBe(404);

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("link", { name: "Quarterly memo" })).toBeVisible();
  await page.getByRole("link", { name: "Quarterly memo" }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${articleId}$`));
  await expect(page.getByTestId("article-body")).toContainText("Numbers went up.");
});
