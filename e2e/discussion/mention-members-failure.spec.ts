import { expect, test } from "@playwright/test";
import { annotateViaApi } from "../factories/annotations";
import { analystAndReviewer, comments, openLiveArticle, threadPane } from "../factories/discussion";

test("when the member list does not load, the @ list says so and retries, and no comment is sent with a mention that would notify no one", async ({
  browser,
}) => {
  const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
  const annotationId = await annotateViaApi(a.page, workspaceId, articleId, "Ahmad Massoud");
  const page = a.page;
  let membersDown = true;
  await page.route("**/api/workspaces/*/members", (route) =>
    membersDown
      ? route.fulfill({ status: 500, json: { error: { code: "INTERNAL", message: "Something went wrong." } } })
      : route.continue(),
  );
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/comments")) posts.push(request.url());
  });
  await openLiveArticle(page, workspaceId, articleId, `?annotation=${annotationId}`);

  const field = threadPane(page).getByRole("textbox", { name: /^(Reply|Comment)$/ });
  await field.click();
  await page.keyboard.type("Please check @" + b.user.name.slice(0, 4));
  const failure = page.getByRole("alert").filter({ hasText: "Could not load the members to mention" });
  await expect(failure).toBeVisible();

  // Sending now would drop the mention silently: it is refused, and says why.
  await page.keyboard.press("Control+Enter");
  await expect(threadPane(page).getByRole("alert").filter({ hasText: "Not sent" })).toBeVisible();
  await page.waitForTimeout(500);
  expect(posts).toEqual([]);
  await expect(comments(page)).toHaveCount(0);

  // The list loads on Retry; the member is picked and the comment goes out with the mention.
  membersDown = false;
  await failure.getByRole("button", { name: "Retry" }).click();
  const option = page.getByRole("listbox", { name: "Members to mention" }).getByRole("option", { name: b.user.name });
  await expect(option).toBeVisible();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+Enter");
  await expect(comments(page)).toHaveCount(1);
  await expect(comments(page).first()).toContainText(`Please check @${b.user.name}`);
  const thread = await (
    await page.request.get(`/api/workspaces/${workspaceId}/annotations/${annotationId}/comments`)
  ).json();
  const nodes = thread.data.comments[0].body.content[0].content;
  expect(
    nodes.some(
      (n: { type: string; attrs?: { label?: string } }) => n.type === "mention" && n.attrs?.label === b.user.name,
    ),
  ).toBe(true);
  await close();
});
