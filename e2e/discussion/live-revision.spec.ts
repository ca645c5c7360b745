import { expect, test } from "@playwright/test";
import { annotateViaApi, highlightsOf } from "../factories/annotations";
import { analystAndReviewer, openLiveArticle } from "../factories/discussion";

test("a revision by someone else replaces the text in place: no reload, highlights kept, scroll position kept", async ({
  browser,
}) => {
  const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
  const id = await annotateViaApi(a.page, workspaceId, articleId, "Amrullah Saleh");
  await openLiveArticle(a.page, workspaceId, articleId);
  await a.page.evaluate(() => {
    (window as unknown as { stillThisPage: boolean }).stillThisPage = true;
    window.scrollTo({ top: 400 });
  });
  await expect.poll(() => a.page.evaluate(() => window.scrollY)).toBe(400);

  const article = (await (await b.page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}`)).json())
    .data;
  const content = article.currentRevision.content;
  content.content.splice(1, 0, {
    type: "paragraph",
    content: [{ type: "text", text: "Editor’s note: a paragraph added while A was reading." }],
  });
  const revised = await b.page.request.post(`/api/workspaces/${workspaceId}/articles/${articleId}/revisions`, {
    data: { baseRevisionId: article.currentRevision.id, content },
  });
  expect(revised.status(), await revised.text()).toBe(201);

  await expect(a.page.getByTestId("article-body")).toContainText(
    "Editor’s note: a paragraph added while A was reading.",
  );
  await expect(a.page.getByRole("status").filter({ hasText: "The article was revised (revision 2)" })).toBeVisible();
  await expect(highlightsOf(a.page, id)).toHaveText("Amrullah Saleh");
  expect(await a.page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
  await expect.poll(() => a.page.evaluate(() => Math.abs(window.scrollY - 400))).toBeLessThan(40);
  await close();
});
