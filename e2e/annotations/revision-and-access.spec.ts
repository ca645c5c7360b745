import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { annotateViaApi, highlightsOf, selectText } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

const PULL_QUOTE = "The Taliban are deeply unpopular among Afghans, especially in the cities.";
const DOOMED = "Rohullah Azizi was tortured and executed on Sept. 9.";

test("a reviewer inserts a paragraph and deletes a highlighted sentence: the rest stay on their text, the orphan can be re-attached", async ({
  page,
}) => {
  await signedInUser(page, "reviewer");
  const workspaceId = await createWorkspace(page, "Revision desk");
  const articleId = await importFile(page, workspaceId, {
    name: "seed.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const second = await annotateViaApi(page, workspaceId, articleId, PULL_QUOTE, 1);
  const name = await annotateViaApi(page, workspaceId, articleId, "Weeda Mehran");
  const doomed = await annotateViaApi(page, workspaceId, articleId, DOOMED);

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  await page.getByRole("link", { name: "Edit text" }).click();
  const editor = page.getByTestId("article-editor");
  await editor.click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("Editor’s note: a new opening paragraph.");
  await page.keyboard.press("Enter");
  await selectText(page, DOOMED, 0, "[data-testid=article-editor][contenteditable=true]");
  await page.keyboard.press("Backspace");
  await page.getByRole("button", { name: "Save as new revision" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Saved revision 2" })).toContainText("1 orphaned");
  await expect(page.getByTestId("article-body").locator("p").first()).toHaveText(
    "Editor’s note: a new opening paragraph.",
  );
  expect((await highlightsOf(page, second).allTextContents()).join("")).toBe(PULL_QUOTE);
  expect((await highlightsOf(page, name).allTextContents()).join("")).toBe("Weeda Mehran");
  const text: string = (await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}`)).json())
    .data.currentRevision.text;
  const list = (
    await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`)).json()
  ).data;
  const byId = new Map(list.map((a: { id: string }) => [a.id, a]));
  const secondCopy = text.indexOf(PULL_QUOTE, text.indexOf(PULL_QUOTE) + 1);
  expect(byId.get(second)).toMatchObject({ start: secondCopy, anchorState: "ANCHORED" });

  const orphaned = page.getByRole("region", { name: /Orphaned/ });
  await expect(orphaned).toContainText(DOOMED);
  await expect(highlightsOf(page, doomed)).toHaveCount(0);
  await orphaned.getByRole("button", { name: /Re-attach/ }).click();
  await selectText(page, "Editor’s note");
  await page
    .getByRole("toolbar", { name: "Re-attach" })
    .getByRole("button", { name: /Re-attach here/ })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Annotation re-attached." })).toBeVisible();
  await expect(highlightsOf(page, doomed)).toHaveText("Editor’s note");
  await expect(page.getByRole("region", { name: /Orphaned/ })).toHaveCount(0);
  const reattached = (
    await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`)).json()
  ).data.find((a: { id: string }) => a.id === doomed);
  expect(reattached).toMatchObject({ anchorState: "ANCHORED", exact: "Editor’s note" });

  // The earlier revision stays readable.
  await page.getByRole("link", { name: "1", exact: true }).click();
  await expect(page.getByRole("note")).toContainText("Revision 1");
  await expect(page.getByTestId("article-body")).toContainText(DOOMED);
});

test("should block unauthorized access to annotations: viewers see highlights without controls and get 403; other workspaces get 404", async ({
  page,
  browser,
}) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Viewing desk");
  const articleId = await importFile(page, workspaceId, {
    name: "brief.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("Brief\n\nThe harbour master met the customs chief."),
  });
  const id = await annotateViaApi(page, workspaceId, articleId, "harbour master");
  const invite = await createInvitation(page, workspaceId, "VIEWER");

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signedInUser(viewer, "viewer");
  await acceptInvitation(viewer, invite);
  await viewer.goto(`/w/${workspaceId}/articles/${articleId}`);
  await expect(highlightsOf(viewer, id)).toHaveText("harbour master");
  await selectText(viewer, "customs chief");
  await viewer.keyboard.press("h");
  await expect(viewer.getByRole("toolbar", { name: "Annotate selection" })).toHaveCount(0);
  await expect(viewer.locator("mark.annotation-highlight")).toHaveCount(1);
  await expect(viewer.getByRole("button", { name: /Delete annotation/ })).toHaveCount(0);
  const revisionId = (await (await viewer.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}`)).json())
    .data.currentRevision.id;
  const post = await viewer.request.post(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`, {
    data: { revisionId, start: 0, end: 5, exact: "Brief" },
  });
  expect(post.status()).toBe(403);
  expect((await viewer.request.delete(`/api/workspaces/${workspaceId}/annotations/${id}`)).status()).toBe(403);
  await viewerContext.close();

  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await signedInUser(stranger, "stranger");
  await createWorkspace(stranger, "Elsewhere");
  for (const response of [
    await stranger.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`),
    await stranger.request.post(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`, {
      data: { revisionId, start: 0, end: 5, exact: "Brief" },
    }),
    await stranger.request.patch(`/api/workspaces/${workspaceId}/annotations/${id}`, {
      data: { version: 1, note: "x" },
    }),
    await stranger.request.delete(`/api/workspaces/${workspaceId}/annotations/${id}`),
    await stranger.request.post(`/api/workspaces/${workspaceId}/annotations/${id}/restore`),
    await stranger.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/suggestions`),
  ]) {
    expect(response.status()).toBe(404);
  }
  await strangerContext.close();
});
