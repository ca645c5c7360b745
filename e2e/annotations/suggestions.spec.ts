import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

test("suggestions include every mention of catalog entities, and accepting one creates a tagged highlight", async ({
  page,
}) => {
  await signedInUser(page, "analyst");
  const workspaceId = await createWorkspace(page, "Suggestion desk");
  const articleId = await importFile(page, workspaceId, {
    name: "seed.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const text: string = (await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}`)).json())
    .data.currentRevision.text;
  const types = (await (await page.request.get(`/api/workspaces/${workspaceId}/entity-types`)).json()).data;
  const typeId = (name: string) => types.find((t: { name: string }) => t.name === name).id;
  for (const entity of [
    { name: "Amrullah Saleh", aliases: ["Saleh"], typeId: typeId("Person") },
    { name: "Taliban", aliases: [], typeId: typeId("Organization") },
  ]) {
    expect((await page.request.post(`/api/workspaces/${workspaceId}/entities`, { data: entity })).status()).toBe(201);
  }
  const count = (re: RegExp) => [...text.matchAll(re)].length;
  const talibans = count(/\bTaliban\b/g);
  const salehs = count(/\bSaleh\b/g);

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  await page.getByRole("button", { name: "Suggest entities" }).click();
  const panel = page.getByTestId("suggestions-panel");
  await expect(panel).toBeVisible();
  const underlines = page.locator("[data-testid=article-body] .suggestion-underline");
  await expect(underlines.filter({ hasText: /^Taliban$/ })).toHaveCount(talibans);
  const salehTexts = (await underlines.allTextContents()).filter((t) => t === "Saleh" || t === "Amrullah Saleh");
  expect(salehTexts).toHaveLength(salehs);
  await expect(
    panel
      .getByRole("group", { name: "Organization suggestions" })
      .getByRole("listitem")
      .filter({ hasText: /^Taliban/ }),
  ).toHaveCount(talibans);

  await panel.getByRole("button", { name: "Accept “Taliban”" }).first().click();
  const marks = page.locator("mark.annotation-highlight");
  await expect(marks).toHaveCount(1);
  await expect(marks).toHaveText("Taliban");
  await expect(underlines.filter({ hasText: /^Taliban$/ })).toHaveCount(talibans - 1);
  // The highlight shows before the server has confirmed it.
  const saved = async () =>
    (await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`)).json()).data;
  await expect.poll(async () => (await saved()).length).toBe(1);
  const list = await saved();
  expect(list[0]).toMatchObject({ exact: "Taliban", entity: { name: "Taliban", type: { name: "Organization" } } });
});
