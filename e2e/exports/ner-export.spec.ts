import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { annotateViaApi } from "../factories/annotations";
import { exportViaUi } from "../factories/exports";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

test("CoNLL leaves untagged highlights out unless labelled, never splits “abroad”, and says so in the export report", async ({
  page,
}) => {
  await signedInUser(page, "exporter");
  const workspaceId = await createWorkspace(page, "NER desk");
  const articleId = await importFile(page, workspaceId, {
    name: "seed.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const [type] = (await (await page.request.get(`/api/workspaces/${workspaceId}/entity-types`)).json()).data as {
    id: string;
    name: string;
  }[];
  const label = type.name.replace(/\s+/g, "_");
  const entity = await page.request.post(`/api/workspaces/${workspaceId}/entities`, {
    data: { name: "Abroad", typeId: type.id },
  });
  expect(entity.status()).toBe(201);
  // "broad" inside "abroad", as a stray drag would have made it before selections snapped to words.
  await annotateViaApi(page, workspaceId, articleId, "broad said", 0, (await entity.json()).data.id);
  await annotateViaApi(page, workspaceId, articleId, "Amrullah Saleh");

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  const plain = await exportViaUi(page, /CoNLL/);
  const text = plain.bytes.toString("utf8");
  expect(text).toContain(`abroad B-${label}\nsaid I-${label}\n`);
  expect(text).not.toMatch(/^broad [BI]-/m);
  expect(text).toContain("Amrullah O\nSaleh O\n");

  // The report shows in the dialog after the download.
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("radio", { name: /CoNLL/ }).check();
  await dialog.getByRole("button", { name: /^Download/ }).click();
  await expect(dialog.getByTestId("export-report")).toContainText("1 entity span.");
  await expect(dialog.getByTestId("export-report")).toContainText("1 untagged highlight left out.");
  await expect(dialog.getByTestId("export-report")).toContainText(
    "Warning: 1 span started or ended inside a word and was exported at the whole word.",
  );

  // Included under a label the user names.
  await dialog.getByLabel("Include them with the label").check();
  await dialog.getByLabel("Label for untagged highlights").fill("MISC");
  const downloading = page.waitForEvent("download");
  await dialog.getByRole("button", { name: /^Download/ }).click();
  const labelled = readFileSync(await (await downloading).path()).toString("utf8");
  expect(labelled).toContain("Amrullah B-MISC\nSaleh I-MISC\n");
  await expect(dialog.getByTestId("export-report")).toContainText("2 entity spans.");
});
