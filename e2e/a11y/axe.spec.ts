import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test("sign-in, workspace and article pages have no serious or critical axe violations", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await signedInUser(page, "a11y");
  const workspaceId = await createWorkspace(page, "Accessible desk");
  const articleId = await importFile(page, workspaceId, {
    name: "brief.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("A readable brief\n\nIt has a paragraph.\n\nAnd another — with an em dash."),
  });

  await page.goto(`/w/${workspaceId}`);
  await expect(page.getByRole("heading", { name: "Accessible desk" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  await expect(page.getByTestId("article-body")).toContainText("another");
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(`/w/${workspaceId}/members`);
  expect(await seriousViolations(page)).toEqual([]);
});
