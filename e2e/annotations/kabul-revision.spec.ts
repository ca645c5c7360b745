import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { annotateViaApi, highlightsOf, selectText } from "../factories/annotations";
import { exportViaUi } from "../factories/exports";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

type Selector = { type: string; exact?: string; prefix?: string; suffix?: string; start?: number; end?: number };
type Item = { id: string; target: string | { source: string; selector: Selector[] } };

test("deleting “northeast of Kabul, ” orphans that mention only; the other two stay; it is re-attached and exported with its selectors", async ({
  page,
}) => {
  await signedInUser(page, "reviewer");
  const workspaceId = await createWorkspace(page, "Kabul desk");
  const articleId = await importFile(page, workspaceId, {
    name: "seed.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const kabul = [
    await annotateViaApi(page, workspaceId, articleId, "Kabul", 0),
    await annotateViaApi(page, workspaceId, articleId, "Kabul", 1),
    await annotateViaApi(page, workspaceId, articleId, "Kabul", 2),
  ];
  const list = async () =>
    new Map<string, { start: number; end: number; anchorState: string; exact: string }>(
      (
        await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`)).json()
      ).data.map((a: { id: string }) => [a.id, a]),
    );
  const before = await list();
  expect(kabul.map((id) => before.get(id)!.start)).toEqual([931, 1939, 5674]);

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  await page.getByRole("link", { name: "Edit text" }).click();
  // While editing, the highlights are shown (read-only) and follow the text.
  const editing = page.getByTestId("article-editor");
  await expect(editing.locator("mark.annotation-highlight")).toHaveCount(3);
  await expect(editing.locator(`mark[data-annotation-id="${kabul[0]}"]`)).toHaveText("Kabul");
  await selectText(page, "northeast of Kabul, ", 0, "[data-testid=article-editor][contenteditable=true]");
  await page.keyboard.press("Backspace");
  await expect(page.getByTestId("revision-preview")).toHaveText("This edit will orphan 1 annotation and move 0.");
  await expect(editing.locator("mark.annotation-highlight")).toHaveCount(2);
  await page.getByRole("button", { name: "Save as new revision" }).click();

  const summary = page.getByRole("status").filter({ hasText: "Saved revision 2" });
  await expect(summary).toContainText("2 annotations kept their place, 0 moved, 1 orphaned");
  // The summary links to the orphan: its row, ready to re-attach.
  await summary.getByRole("link", { name: "“Kabul”" }).click();
  await expect(page).toHaveURL(new RegExp(`annotation=${kabul[0]}`));
  await expect(page.locator(`[data-annotation-row="${kabul[0]}"]`)).toBeInViewport();
  await expect(summary).toBeVisible();
  await expect(highlightsOf(page, kabul[0])).toHaveCount(0);
  await expect(highlightsOf(page, kabul[1])).toHaveText("Kabul");
  await expect(highlightsOf(page, kabul[2])).toHaveText("Kabul");
  const after = await list();
  expect(after.get(kabul[0])).toMatchObject({ anchorState: "ORPHANED", exact: "Kabul" });
  expect(after.get(kabul[1])).toMatchObject({ anchorState: "ANCHORED", start: 1939 - 20 });
  expect(after.get(kabul[2])).toMatchObject({ anchorState: "ANCHORED", start: 5674 - 20 });

  // The panel's placement filter lists the orphan and no moved annotation.
  await page.getByLabel("Placement").selectOption("MOVED");
  await expect(page.getByTestId("annotation-panel")).toContainText("No annotation matches these filters.");
  await page.getByLabel("Placement").selectOption("ORPHANED");
  await expect(page.getByTestId("annotation-panel")).toContainText("Orphaned annotations are listed below.");

  const orphaned = page.getByRole("region", { name: /Orphaned/ });
  await expect(orphaned).toContainText("Kabul");
  await orphaned.getByRole("button", { name: /Re-attach/ }).click();
  await selectText(page, "Panjshir Valley");
  await page
    .getByRole("toolbar", { name: "Re-attach" })
    .getByRole("button", { name: /Re-attach here/ })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Annotation re-attached." })).toBeVisible();
  await expect(highlightsOf(page, kabul[0])).toHaveText("Panjshir Valley");
  await expect(page.getByRole("region", { name: /Orphaned/ })).toHaveCount(0);

  const w3c = await exportViaUi(page, /W3C Web Annotation/);
  const items = JSON.parse(w3c.bytes.toString("utf8")).first.items as Item[];
  const reattached = items.find((i) => i.id.endsWith(kabul[0]))!;
  const target = reattached.target as { source: string; selector: Selector[] };
  const canonical = await (await page.request.get(target.source)).text();
  const quote = target.selector.find((s) => s.type === "TextQuoteSelector")!;
  const position = target.selector.find((s) => s.type === "TextPositionSelector")!;
  expect(quote.exact).toBe("Panjshir Valley");
  expect(quote.prefix).toMatch(/short-lived resistance in the $/);
  expect(quote.suffix).toMatch(/^ fled across the border/);
  expect(Array.from(canonical).slice(position.start, position.end).join("")).toBe("Panjshir Valley");
  expect(canonical).not.toContain("northeast of Kabul");
});
