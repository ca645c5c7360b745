import { expect, test } from "@playwright/test";
import { twoColumnPdf, TWO_COLUMN } from "../../test/fixtures/pdfs";
import { annotateViaApi, highlightsOf } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { createWorkspace } from "../factories/workspaces";

const ACROSS = "inspection results of the dam and its spillway in March.";

test("an uploaded two-column PDF reads in column order with page markers; an annotation across a page break exports with its page", async ({
  page,
}) => {
  await signedInUser(page, "analyst");
  const workspaceId = await createWorkspace(page, "PDF desk");
  await page.goto(`/w/${workspaceId}/import`);
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "water-report.pdf", mimeType: "application/pdf", buffer: await twoColumnPdf() });
  await page.getByRole("button", { name: "Import article" }).click();
  // The first PDF of a run starts the worker thread that reads PDFs.
  await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}/articles/[^/?]+$`), { timeout: 30_000 });
  const articleId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TWO_COLUMN.title);

  const body = page.getByTestId("article-body");
  await expect(body.locator(".ProseMirror")).toBeVisible();
  // Reading order: the left column, then the right one; no running footer or page numbers.
  const text = await body.locator(".ProseMirror").innerText();
  const order = TWO_COLUMN.paragraphs.map((p) => text.indexOf(p.slice(0, 30)));
  expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]))).toBe(true);
  expect(text).not.toContain(TWO_COLUMN.footer);
  await expect(body.locator(".page-marker")).toHaveText(["p. 1", "p. 2", "p. 3"]);

  // Page 2 begins inside this sentence, at "spillway".
  const id = await annotateViaApi(page, workspaceId, articleId, ACROSS);
  const maintenance = await annotateViaApi(page, workspaceId, articleId, "Maintenance crews");
  await page.reload();
  await expect(highlightsOf(page, id).first()).toBeVisible();
  expect((await highlightsOf(page, id).allInnerTexts()).join("")).toBe(ACROSS);

  const csv = await (
    await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/export?format=csv`)
  ).text();
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  const columns = header.split(",");
  const pageOf = (annotationId: string) =>
    rows.find((row) => row.includes(annotationId))!.split(",")[columns.indexOf("page")];
  expect(pageOf(id)).toBe("1");
  expect(pageOf(maintenance)).toBe("2");

  const w3c = await (
    await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/export?format=w3c`)
  ).text();
  expect(w3c).toContain('"value":"page=2"');
  expect(w3c).toContain('"conformsTo":"http://tools.ietf.org/rfc/rfc3778"');
});

test("a scanned PDF is refused with a message saying it has no text", async ({ page }) => {
  await signedInUser(page, "analyst");
  const workspaceId = await createWorkspace(page, "Scan desk");
  const { scannedPdf } = await import("../../test/fixtures/pdfs");
  await page.goto(`/w/${workspaceId}/import`);
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: await scannedPdf() });
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "looks scanned" })).toBeVisible({ timeout: 30_000 });
});
