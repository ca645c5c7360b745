import { expect, test, type Page } from "@playwright/test";
import { annotateViaApi } from "../factories/annotations";
import { analystAndReviewer, comments, openLiveArticle, threadPane } from "../factories/discussion";

/** Reloads from inside the page (as a user would), accepting the "leave this page?" prompt if one comes. */
async function reloadAsUser(page: Page): Promise<string[]> {
  const prompts: string[] = [];
  const onDialog = (dialog: import("@playwright/test").Dialog) => {
    prompts.push(dialog.type());
    void dialog.accept();
  };
  page.on("dialog", onDialog);
  await Promise.all([page.waitForEvent("load"), page.evaluate(() => setTimeout(() => location.reload()))]);
  page.off("dialog", onDialog);
  return prompts;
}

test("a comment draft and a reject reason survive a reload, per target, and are cleared once sent", async ({
  browser,
}) => {
  const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
  const first = await annotateViaApi(a.page, workspaceId, articleId, "Ahmad Massoud");
  const second = await annotateViaApi(a.page, workspaceId, articleId, "Amrullah Saleh");
  const page = b.page;

  // A long comment, then a reload: the box opens again with it.
  await openLiveArticle(page, workspaceId, articleId, `?annotation=${first}`);
  const field = threadPane(page).getByRole("textbox", { name: /^(Reply|Comment)$/ });
  await field.click();
  await page.keyboard.type("The source for this is the 2021 interview; check the second quote against it.");
  await reloadAsUser(page);
  await expect(field).toHaveText("The source for this is the 2021 interview; check the second quote against it.");
  // Another annotation's box has its own (empty) draft.
  await openLiveArticle(page, workspaceId, articleId, `?annotation=${second}`);
  await expect(threadPane(page)).toContainText("Amrullah Saleh");
  await expect(threadPane(page).getByRole("textbox", { name: "Comment" })).toHaveText("");
  // Sent: gone from the box, also after a reload.
  await openLiveArticle(page, workspaceId, articleId, `?annotation=${first}`);
  await expect(field).toHaveText(/2021 interview/);
  await field.click();
  await page.keyboard.press("Control+Enter");
  await expect(comments(page)).toHaveCount(1);
  await reloadAsUser(page);
  await expect(comments(page)).toHaveCount(1);
  await expect(field).toHaveText("");

  // A reject reason, then a reload: r on the same annotation brings it back; rejecting clears it.
  await page.goto(`/w/${workspaceId}/review`);
  const card = page.getByRole("region", { name: "Annotation under review" });
  await expect(card.locator("mark")).toHaveText("Ahmad Massoud");
  await page.keyboard.press("r");
  const reason = page.getByRole("dialog", { name: "Reject this annotation" }).getByRole("textbox");
  await expect(reason).toBeFocused();
  await page.keyboard.type("A commander, not the place.");
  await reloadAsUser(page);
  await expect(card.locator("mark")).toHaveText("Ahmad Massoud");
  await page.keyboard.press("r");
  await expect(reason).toHaveValue("A commander, not the place.");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("status").filter({ hasText: "Rejected “Ahmad Massoud”" })).toBeVisible();
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("marginalia:draft:")));
  expect(kept).toEqual([]);
  await close();
});

test("Edit text warns before leaving with unsaved changes, and restores them when opened again", async ({
  browser,
}) => {
  const { workspaceId, articleId, b, close } = await analystAndReviewer(browser);
  const page = b.page;
  await page.goto(`/w/${workspaceId}/articles/${articleId}/edit`);
  const editor = page.getByTestId("article-editor");
  await editor.click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("Editor’s note: checked against the original. ");

  // Leaving asks first; the edits come back when Edit text opens again.
  expect(await reloadAsUser(page)).toEqual(["beforeunload"]);
  await expect(editor.locator("p").first()).toContainText("Editor’s note: checked against the original.");
  await expect(
    page.getByRole("status").filter({ hasText: "unsaved edits of this revision were restored" }),
  ).toBeVisible();

  // Saved: no draft, no prompt.
  await page.getByRole("button", { name: "Save as new revision" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved revision 2" })).toBeVisible();
  await page.goto(`/w/${workspaceId}/articles/${articleId}/edit`);
  await expect(editor.locator("p").first()).toContainText("Editor’s note");
  await expect(page.getByText("were restored")).toHaveCount(0);
  expect(await reloadAsUser(page)).toEqual([]);
  await close();
});
