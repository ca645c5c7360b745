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
  // One row per surface form: every "Taliban" in one, accepted together.
  const organizations = panel.getByRole("group", { name: "Organization suggestions" });
  const talibanRow = organizations.getByRole("listitem").filter({ hasText: /^Taliban/ });
  await expect(talibanRow).toHaveCount(1);
  await expect(talibanRow).toContainText(`${talibans} mentions`);

  await talibanRow.getByRole("button", { name: `Accept “Taliban” (${talibans} mentions)` }).click();
  const marks = page.locator("mark.annotation-highlight");
  await expect(marks).toHaveText(Array<string>(talibans).fill("Taliban"));
  await expect(underlines.filter({ hasText: /^Taliban$/ })).toHaveCount(0);
  const saved = async () =>
    (await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`)).json()).data;
  await expect.poll(async () => (await saved()).length).toBe(talibans);
  const list = await saved();
  expect(list[0]).toMatchObject({ exact: "Taliban", entity: { name: "Taliban", type: { name: "Organization" } } });

  // Undone like a delete: every one of them goes.
  const toast = page.getByRole("status").filter({ hasText: `Accepted ${talibans} suggestions as Taliban.` });
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(marks).toHaveCount(0);
  await expect.poll(async () => (await saved()).length).toBe(0);
});

test("a suggestion that is an entity's last name offers that entity, and another can be picked instead", async ({
  page,
}) => {
  await signedInUser(page, "analyst");
  const workspaceId = await createWorkspace(page, "Last names");
  const articleId = await importFile(page, workspaceId, {
    name: "seed.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const types = (await (await page.request.get(`/api/workspaces/${workspaceId}/entity-types`)).json()).data;
  const person = types.find((t: { name: string }) => t.name === "Person").id;
  const created = await page.request.post(`/api/workspaces/${workspaceId}/entities`, {
    data: { name: "Ahmad Massoud", typeId: person },
  });
  expect(created.status()).toBe(201);

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  await page.getByRole("button", { name: "Suggest entities" }).click();
  const row = page
    .getByTestId("suggestions-panel")
    .getByRole("listitem")
    .filter({ hasText: /^Massoud/ });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Ahmad Massoud? (last name)");
  // Offered, not forced: the other choice opens the entity picker.
  await row.getByRole("button", { name: /as another entity/ }).click();
  await expect(page.getByTestId("entity-combobox")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("entity-combobox")).toHaveCount(0);

  const n = Number(/(\d+) mentions/.exec((await row.textContent()) ?? "")?.[1] ?? 1);
  await row.getByRole("button", { name: /^Tag “Massoud”.* as Ahmad Massoud$/ }).click();
  const saved = async () =>
    (await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`)).json()).data;
  await expect.poll(async () => (await saved()).length).toBe(n);
  for (const a of await saved()) expect(a).toMatchObject({ exact: "Massoud", entity: { name: "Ahmad Massoud" } });
  const entities = (await (await page.request.get(`/api/workspaces/${workspaceId}/entities?q=Massoud`)).json()).data;
  expect(entities.map((e: { name: string }) => e.name)).toEqual(["Ahmad Massoud"]);
});
