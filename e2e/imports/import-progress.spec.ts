import { expect, test } from "@playwright/test";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";

const COUNT = 6_000;

// A big annotation file takes seconds to check and save: the dialog shows how far it has got, as the server counts.
test("importing thousands of annotations shows the server's progress, then the result", async ({ page }) => {
  test.slow();
  await signedInUser(page, "importer");
  const workspaceId = await createWorkspace(page, "Progress desk");
  const words = Array.from({ length: COUNT }, (_, i) => `term${i}`);
  const articleId = await importFile(page, workspaceId, {
    name: "terms.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(words.join(" ")),
  });
  const file = words.map((w, i) => ({
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id: `urn:terms:${i}`,
    type: "Annotation",
    target: { source: "https://example.org/terms", selector: { type: "TextQuoteSelector", exact: w, suffix: " " } },
  }));

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  await page.getByRole("button", { name: "Import annotations" }).click();
  const dialog = page.getByRole("dialog", { name: "Import annotations" });
  await dialog.getByLabel("Annotation file").setInputFiles({
    name: "terms.jsonld",
    mimeType: "application/ld+json",
    buffer: Buffer.from(JSON.stringify(file)),
  });
  const progress = dialog.getByTestId("import-progress");
  await expect(progress).toBeVisible();
  await expect(dialog.getByRole("list", { name: "Summary" }).locator('[data-outcome="anchored"]')).toContainText(
    String(COUNT),
  );
  await expect(progress).toBeHidden();

  await dialog.getByRole("button", { name: `Import ${COUNT} annotations` }).click();
  await expect(progress).toContainText(/Saving [\d,]+ of 6,000 annotations and comments…/);
  const bar = progress.getByRole("progressbar", { name: "Import progress" });
  expect(Number(await bar.getAttribute("max"))).toBe(COUNT);
  await page.screenshot({ path: "test-results/import-progress.png" });
  await expect(dialog.getByRole("status")).toContainText(`Imported ${COUNT} annotations`, { timeout: 60_000 });
  await expect(progress).toBeHidden();
});
