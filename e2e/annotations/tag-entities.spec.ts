import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { highlightsOf, selectText } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

test("tag “Ahmad Massoud” as a new Person, then tag every other “Massoud” once it is an alias; all persist", async ({
  page,
}) => {
  await signedInUser(page, "analyst");
  const workspaceId = await createWorkspace(page, "Tagging desk");
  const articleId = await importFile(page, workspaceId, {
    name: "seed.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const text: string = (await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}`)).json())
    .data.currentRevision.text;
  const massouds = [...text.matchAll(/Massoud/g)].length;

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  await selectText(page, "Ahmad Massoud");
  await page
    .getByRole("toolbar", { name: "Annotate selection" })
    .getByRole("button", { name: /Tag entity/ })
    .click();
  const combobox = page.getByTestId("entity-combobox");
  await expect(combobox.getByRole("combobox")).toHaveValue("Ahmad Massoud");
  await combobox.getByRole("option", { name: /Create “Ahmad Massoud” as Person/ }).click();

  const panel = page.getByTestId("annotation-panel");
  await expect(panel.getByRole("listbox").getByRole("option", { name: /Ahmad Massoud/ })).toHaveCount(1);
  const entities = (await (await page.request.get(`/api/workspaces/${workspaceId}/entities?q=Ahmad`)).json()).data;
  expect(entities).toHaveLength(1);
  const entity = entities[0];
  expect(entity.type.name).toBe("Person");

  // “Massoud” becomes an alias; Tag all occurrences then finds the other mentions.
  const patched = await page.request.patch(`/api/workspaces/${workspaceId}/entities/${entity.id}`, {
    data: { version: entity.version, aliases: ["Massoud"] },
  });
  expect(patched.status()).toBe(200);
  await page.getByRole("button", { name: "Dismiss" }).click();
  await panel
    .getByRole("listbox")
    .getByRole("option", { name: /Ahmad Massoud/ })
    .click();
  await page.getByRole("button", { name: "Tag all occurrences" }).click();
  const dialog = page.getByRole("dialog", { name: "Tag all occurrences of Ahmad Massoud" });
  await expect(dialog.getByRole("checkbox")).toHaveCount(massouds - 1);
  await dialog.getByRole("button", { name: `Tag ${massouds - 1} mentions` }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Tagged ${massouds - 1} more mentions as Ahmad Massoud.` }),
  ).toBeVisible();

  await page.reload();
  await expect(page.locator("mark.annotation-highlight")).toHaveCount(massouds);
  const list = (
    await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`)).json()
  ).data;
  expect(list).toHaveLength(massouds);
  for (const a of list) {
    expect(a.entity?.id).toBe(entity.id);
    expect(text.slice(a.start, a.end)).toBe(a.exact);
    expect(["Ahmad Massoud", "Massoud"]).toContain(a.exact);
    await expect(highlightsOf(page, a.id).first()).toBeVisible();
    expect((await highlightsOf(page, a.id).allTextContents()).join("")).toBe(a.exact);
  }
});
