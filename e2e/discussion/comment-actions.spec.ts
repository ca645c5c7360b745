import { expect, test } from "@playwright/test";
import { annotateViaApi } from "../factories/annotations";
import {
  analystAndReviewer,
  annotationRows,
  comments,
  openLiveArticle,
  reply,
  threadPane,
} from "../factories/discussion";

const PASSAGE = "Amrullah Saleh";

test("authors edit and delete (with Undo) their comments, a stale edit is reloaded, leads hide; long comments are counted", async ({
  browser,
}) => {
  const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
  await annotateViaApi(a.page, workspaceId, articleId, PASSAGE);
  await openLiveArticle(a.page, workspaceId, articleId);
  await openLiveArticle(b.page, workspaceId, articleId);
  await annotationRows(a.page).filter({ hasText: PASSAGE }).click();
  await annotationRows(b.page).filter({ hasText: PASSAGE }).click();
  await reply(a.page, "First thought.");
  await reply(a.page, "Second thought, to be deleted.");
  await expect(comments(b.page)).toHaveCount(2);

  // Edit in place: Save shows the new text and the "edited" marker, for both.
  const first = comments(a.page).first();
  await first.getByRole("button", { name: "Edit", exact: true }).click();
  const editor = first.getByRole("textbox", { name: "Edit comment" });
  await expect(editor).toBeFocused();
  await a.page.keyboard.type(" Revised.");
  await first.getByRole("button", { name: "Save" }).click();
  await expect(first).toContainText("First thought. Revised.");
  await expect(first.getByRole("button", { name: /^Edited/ })).toBeVisible();
  await expect(comments(b.page).first()).toContainText("First thought. Revised.");
  await expect(
    comments(b.page)
      .first()
      .getByRole("button", { name: /^Edited/ }),
  ).toBeVisible();

  // Delete, then Undo.
  await comments(a.page).nth(1).getByRole("button", { name: "Delete" }).click();
  await expect(comments(a.page).nth(1)).toContainText("Comment deleted.");
  await expect(comments(b.page).nth(1)).toContainText("Comment deleted.");
  await a.page
    .getByRole("status")
    .filter({ hasText: "Comment deleted." })
    .getByRole("button", { name: "Undo" })
    .click();
  await expect(comments(a.page).nth(1)).toContainText("Second thought, to be deleted.");
  await expect(comments(b.page).nth(1)).toContainText("Second thought, to be deleted.");

  // Only the author edits; only leads hide. The reviewer hides the analyst's comment.
  await expect(comments(b.page).first().getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
  await expect(comments(a.page).first().getByRole("button", { name: "Hide", exact: true })).toHaveCount(0);
  await comments(b.page).nth(1).getByRole("button", { name: "Hide", exact: true }).click();
  await expect(comments(b.page).nth(1)).toContainText("Comment hidden by a reviewer.");
  await expect(comments(a.page).nth(1)).toContainText("Comment hidden by a reviewer.");
  await comments(b.page).nth(1).getByRole("button", { name: "Show" }).click();
  await expect(comments(a.page).nth(1)).toContainText("Second thought, to be deleted.");

  // A second tab that missed an edit (its stream is down) saves a stale version: told, and shown the current text.
  const tab = await a.context.newPage();
  await tab.route("**/api/workspaces/*/events**", (route) => route.abort());
  await tab.goto(`/w/${workspaceId}/articles/${articleId}`);
  await annotationRows(tab).filter({ hasText: PASSAGE }).click();
  await expect(comments(tab)).toHaveCount(2);
  await comments(a.page).first().getByRole("button", { name: "Edit", exact: true }).click();
  await a.page.keyboard.type(" Again.");
  await a.page.keyboard.press("Control+Enter");
  await expect(comments(a.page).first()).toContainText("Revised. Again.");
  await comments(tab).first().getByRole("button", { name: "Edit", exact: true }).click();
  await tab.keyboard.type(" From the stale tab.");
  await tab.keyboard.press("Control+Enter");
  await expect(tab.getByRole("alert").filter({ hasText: "This comment was changed elsewhere" })).toBeVisible();
  await expect(comments(tab).first()).toContainText("First thought. Revised. Again.");
  await expect(comments(tab).first()).not.toContainText("From the stale tab.");
  await tab.close();

  // Near the limit a counter shows; over it, sending is off.
  const field = threadPane(a.page).getByRole("textbox", { name: "Reply" });
  await field.click();
  await a.page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.activeElement!.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, "x".repeat(10_050));
  await expect(threadPane(a.page).getByText("10,050 / 10,000 — too long")).toBeVisible();
  await expect(threadPane(a.page).getByRole("button", { name: "Reply", exact: true })).toBeDisabled();
  await a.page.keyboard.press("Escape");
  await expect(threadPane(a.page).getByText(/\/ 10,000/)).toHaveCount(0);
  await close();
});
