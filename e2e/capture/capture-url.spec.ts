import { expect, test } from "@playwright/test";
import { annotateViaApi } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { createWorkspace } from "../factories/workspaces";

// The fixture news site started beside the app (e2e/fixtures/capture-site.mjs).
const site = `http://127.0.0.1:${Number(process.env.CAPTURE_SITE_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 95)}`;
const DELETED = "Cracks were found in the spillway.";

async function captureFromImportPage(page: import("@playwright/test").Page, workspaceId: string, url: string) {
  await page.goto(`/w/${workspaceId}/import`);
  await page.getByRole("button", { name: "From URL" }).click();
  await page.getByLabel("Page address").fill(url);
  await page.getByRole("button", { name: "Capture page" }).click();
}

test("capturing a page by URL keeps its article and metadata, and capturing it again after it changed makes a revision that orphans the annotation on deleted text", async ({
  page,
}) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Capture desk");
  const url = `${site}/articles/dam-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

  await captureFromImportPage(page, workspaceId, url);
  // The first capture of a run starts the worker thread that parses pages.
  await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}/articles/[^/?]+$`), { timeout: 30_000 });
  const articleId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Dam report");
  const meta = page.locator(".article-meta");
  await expect(meta).toContainText("The Daily Fixture");
  await expect(meta).toContainText("By Jane Roe");
  await expect(meta).toContainText("Published 2 Nov 2026");
  await expect(meta).toContainText(/Source: 127\.0\.0\.1 · captured \d{1,2} \w+ \d{4}/);
  await expect(meta.getByRole("link", { name: "127.0.0.1" })).toHaveAttribute("href", url);
  await expect(meta.getByRole("link", { name: "127.0.0.1" })).toHaveAttribute("title", url);
  const body = page.getByTestId("article-body");
  await expect(body).toContainText(DELETED);
  await expect(body).not.toContainText("injected by script");
  await expect(body).not.toContainText("Copyright");
  await expect(body.locator("script, img, iframe")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { fixtureScriptRan?: boolean }).fixtureScriptRan)).toBe(
    undefined,
  );

  const annotationId = await annotateViaApi(page, workspaceId, articleId, DELETED);
  expect((await page.request.post(`${url}/next`)).ok()).toBe(true);

  await captureFromImportPage(page, workspaceId, url);
  await expect(page.getByRole("status")).toContainText(
    /This page was captured before as Dam report on \d{1,2} \w{3,4} \d{4}\./,
  );
  // Its choices are the way on: the form's own button is gone until the address changes.
  await expect(page.getByRole("button", { name: "Capture page" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Open the existing article" })).toHaveAttribute(
    "href",
    `/w/${workspaceId}/articles/${articleId}`,
  );
  await page.getByRole("button", { name: "Capture a new revision" }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${articleId}\\?revised=2`));
  await expect(page.getByRole("status").filter({ hasText: "Saved revision 2" })).toContainText("1 orphaned");
  await expect(body).toContainText("Engineers declared the spillway safe in May.");
  const annotations = (
    await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`)).json()
  ).data as { id: string; anchorState: string; exact: string }[];
  expect(annotations.find((a) => a.id === annotationId)).toMatchObject({ anchorState: "ORPHANED", exact: DELETED });
});

test("Check for updates shows what changed on the page before saving it as a revision", async ({ page }) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Update desk");
  const url = `${site}/articles/upd-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  await page.request.post(`${url}/next`); // version 2: "May"
  await captureFromImportPage(page, workspaceId, url);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Dam report", { timeout: 30_000 });

  await page.getByRole("button", { name: "Check for updates" }).click();
  await expect(page.getByRole("status").filter({ hasText: "has not changed" })).toBeVisible();

  await page.request.post(`${url}/next`); // version 3: "June"
  await page.getByRole("button", { name: "Check for updates" }).click();
  const changes = page.getByRole("region", { name: "Changes on the page" });
  await expect(changes.locator("del")).toContainText("safe in May.");
  await expect(changes.locator("ins")).toContainText("safe in June.");
  await expect(page.getByTestId("article-body")).toContainText("safe in May."); // nothing saved yet
  await changes.getByRole("button", { name: "Save as a new revision" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved revision 2" })).toBeVisible();
  await expect(page.getByTestId("article-body")).toContainText("safe in June.");
});

test("a private address is refused with a clear message", async ({ page }) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Refusal desk");
  await captureFromImportPage(page, workspaceId, "http://169.254.169.254/latest/meta-data/");
  await expect(page.getByRole("alert").filter({ hasText: "link-local" })).toContainText(
    "That address is link-local (such as a cloud metadata service).",
  );
});
