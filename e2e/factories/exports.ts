import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";

/**
 * Exports through the UI: opens the Export dialog of the current page (an
 * article or the workspace), picks `formatLabel` and downloads. Returns the
 * downloaded file's name and bytes. The import e2e reuses this to round-trip
 * an export through the import UI.
 */
export async function exportViaUi(page: Page, formatLabel: RegExp | string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("radio", { name: formatLabel }).check();
  const downloading = page.waitForEvent("download");
  await dialog.getByRole("button", { name: /^Download/ }).click();
  const download = await downloading;
  const path = await download.path();
  await expect(dialog.getByRole("status")).toContainText(`Downloaded ${download.suggestedFilename()}`);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}
