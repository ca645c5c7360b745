import { expect, test } from "@playwright/test";
import { annotateViaApi } from "../factories/annotations";
import { analystAndReviewer, annotationRows, comments, openLiveArticle, threadPane } from "../factories/discussion";
import { seriousViolations } from "../factories/a11y";

const paragraph = (text: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

test("threads, the comment editor with its @ list, and the inbox have no serious or critical axe violations", async ({
  browser,
}) => {
  const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
  const annotationId = await annotateViaApi(a.page, workspaceId, articleId, "Ahmad Massoud");
  const url = `/api/workspaces/${workspaceId}/annotations/${annotationId}/comments`;
  for (const body of [
    paragraph("A first comment with a link https://example.org/ in it."),
    paragraph("A second one."),
  ]) {
    expect((await a.page.request.post(url, { data: { body } })).status()).toBe(201);
  }
  expect((await b.page.request.post(url, { data: { body: paragraph("The reviewer's reply.") } })).status()).toBe(201);
  const second = (await (await a.page.request.get(url)).json()).data.comments[1].id;
  expect((await a.page.request.delete(`/api/workspaces/${workspaceId}/comments/${second}`)).status()).toBe(200);

  await openLiveArticle(a.page, workspaceId, articleId);
  await annotationRows(a.page).filter({ hasText: "Ahmad Massoud" }).click();
  await expect(comments(a.page)).toHaveCount(3);
  await expect(threadPane(a.page)).toContainText("Comment deleted.");
  await threadPane(a.page).getByRole("textbox", { name: "Reply" }).click();
  await a.page.keyboard.type("Asking @Revi");
  await expect(a.page.getByRole("listbox", { name: "Members to mention" })).toBeVisible();
  expect(await seriousViolations(a.page)).toEqual([]);
  await a.page.keyboard.press("Escape");

  await a.page.getByRole("button", { name: /^Notifications/ }).click();
  await expect(a.page.getByRole("dialog", { name: "Notifications" })).toContainText("replied in a thread");
  expect(await seriousViolations(a.page)).toEqual([]);
  await a.page.keyboard.press("Escape");
  await expect(a.page.getByRole("dialog", { name: "Notifications" })).toHaveCount(0);
  await expect(a.page.getByRole("button", { name: /^Notifications/ })).toBeFocused();

  await threadPane(a.page).getByRole("button", { name: "Resolve", exact: true }).click();
  await expect(threadPane(a.page).getByRole("button", { name: /Resolved by/ })).toBeVisible();
  expect(await seriousViolations(a.page)).toEqual([]);
  await close();
});
