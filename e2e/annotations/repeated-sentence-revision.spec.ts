import { expect, test } from "@playwright/test";
import { annotateViaApi, highlightsOf, selectText } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";

// Deleting the first of two equal sentences gives the same text as deleting
// the second: only the editor knows which copy went, and the annotation on
// the copy that stayed must stay with it.
test("deleting the first of two equal sentences orphans its annotation and keeps the one on the copy left", async ({
  page,
}) => {
  await signedInUser(page, "reviewer");
  const workspaceId = await createWorkspace(page, "Repeats desk");
  const text = "Kabul fell without a fight. Kabul fell without a fight.\n\nLater, the city was quiet.\n";
  const articleId = await importFile(page, workspaceId, {
    name: "repeats.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(text),
  });
  const first = await annotateViaApi(page, workspaceId, articleId, "Kabul fell without a fight.", 0);
  const second = await annotateViaApi(page, workspaceId, articleId, "Kabul fell without a fight.", 1);

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  await page.getByRole("link", { name: "Edit text" }).click();
  const editing = page.getByTestId("article-editor");
  await expect(editing.locator("mark.annotation-highlight")).toHaveCount(2);
  await selectText(page, "Kabul fell without a fight. ", 0, "[data-testid=article-editor][contenteditable=true]");
  await page.keyboard.press("Backspace");
  await expect(page.getByTestId("revision-preview")).toHaveText("This edit will orphan 1 annotation and move 0.");
  await expect(editing.locator(`mark[data-annotation-id="${second}"]`)).toHaveText("Kabul fell without a fight.");
  await page.getByRole("button", { name: "Save as new revision" }).click();

  const summary = page.getByRole("status").filter({ hasText: "Saved revision 2" });
  await expect(summary).toContainText("1 annotation kept its place, 0 moved, 1 orphaned");
  await expect(highlightsOf(page, second)).toHaveText("Kabul fell without a fight.");
  await expect(highlightsOf(page, first)).toHaveCount(0);
  const annotations = new Map<string, { start: number; anchorState: string }>(
    (
      await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`)).json()
    ).data.map((a: { id: string }) => [a.id, a]),
  );
  expect(annotations.get(first)).toMatchObject({ anchorState: "ORPHANED" });
  expect(annotations.get(second)).toMatchObject({ anchorState: "ANCHORED", start: 0 });
});
