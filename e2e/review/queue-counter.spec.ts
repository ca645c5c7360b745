import { expect, test } from "@playwright/test";
import { annotateViaApi } from "../factories/annotations";
import { analystAndReviewer } from "../factories/discussion";

test("the queue's counter follows each decision without a reload, and the reject box names Ctrl+Enter", async ({
  browser,
}) => {
  const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
  for (const quote of ["Ahmad Massoud", "Amrullah Saleh", "Taliban"])
    await annotateViaApi(a.page, workspaceId, articleId, quote);

  const page = b.page;
  await page.goto(`/w/${workspaceId}/review`);
  const summary = page.locator(".review-summary");
  await expect(summary).toContainText("3 annotations · 1 of 3");

  await page.keyboard.press("a");
  await expect(page.getByRole("status").filter({ hasText: "Accepted “Ahmad Massoud”" })).toBeVisible();
  await expect(summary).toContainText("2 annotations · 2 of 3");

  await page.keyboard.press("r");
  const dialog = page.getByRole("dialog", { name: "Reject this annotation" });
  await expect(dialog.getByRole("textbox")).toHaveAccessibleDescription(/Ctrl\+Enter rejects/);
  await page.keyboard.type("Not a person.");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("status").filter({ hasText: "Rejected “Amrullah Saleh”" })).toBeVisible();
  await expect(summary).toContainText("1 annotation · 3 of 3");

  // Undo puts it back among those to review.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(summary).toContainText("2 annotations");
  // A reload agrees.
  await page.reload();
  await expect(summary).toContainText("2 annotations · 1 of 2");
  await close();
});
