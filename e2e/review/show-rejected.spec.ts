import { expect, test } from "@playwright/test";
import { annotateViaApi, highlightsOf } from "../factories/annotations";
import { analystAndReviewer, annotationRows } from "../factories/discussion";

test("rejected highlights are struck through, and “Show rejected” hides them from the text and the list, remembered", async ({
  browser,
}) => {
  const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
  try {
    const kept = await annotateViaApi(a.page, workspaceId, articleId, "Ahmad Massoud");
    const rejected = await annotateViaApi(a.page, workspaceId, articleId, "Taliban");
    const res = await b.page.request.post(`/api/workspaces/${workspaceId}/annotations/${rejected}/review`, {
      data: { version: 1, decision: "REJECTED", reason: "Not an entity here." },
    });
    expect(res.status(), await res.text()).toBe(200);

    const page = a.page;
    await page.goto(`/w/${workspaceId}/articles/${articleId}`);
    const panel = page.getByTestId("annotation-panel");
    const rows = annotationRows(page);
    await expect(highlightsOf(page, rejected).first()).toHaveAttribute("data-status", "REJECTED");
    await expect(highlightsOf(page, rejected).first()).toHaveCSS("text-decoration-line", "line-through");
    await expect(rows).toHaveCount(2);

    const toggle = panel.getByRole("checkbox", { name: "Show rejected (1)" });
    await expect(toggle).toBeChecked();
    await toggle.uncheck();
    await expect(highlightsOf(page, rejected)).toHaveCount(0);
    await expect(highlightsOf(page, kept).first()).toBeVisible();
    await expect(rows).toHaveCount(1);

    // Remembered in this browser; the Rejected filter still lists them.
    await page.reload();
    await expect(highlightsOf(page, kept).first()).toBeVisible();
    await expect(highlightsOf(page, rejected)).toHaveCount(0);
    await expect(panel.getByRole("checkbox", { name: "Show rejected (1)" })).not.toBeChecked();
    await panel.getByRole("combobox", { name: "Status" }).selectOption("REJECTED");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("Taliban");

    await panel.getByRole("checkbox", { name: "Show rejected (1)" }).check();
    await expect(highlightsOf(page, rejected).first()).toBeVisible();
  } finally {
    await close();
  }
});
