import { expect, request as playwrightRequest, test } from "@playwright/test";
import { signedInUser } from "../factories/users";
import { createWorkspace } from "../factories/workspaces";
import { seriousViolations } from "../factories/a11y";

test("a token created in Account settings works as Authorization: Bearer, and stops at once when revoked", async ({
  page,
  baseURL,
}) => {
  await signedInUser(page, "scripter");
  const workspaceId = await createWorkspace(page, "API desk");
  const imported = await page.request.post(`/api/workspaces/${workspaceId}/articles`, {
    data: { title: "Dispatch", text: "Massoud met officials in Kabul.\n\nThe talks went on." },
  });
  expect(imported.status(), await imported.text()).toBe(201);
  const articleId = (await imported.json()).data.id as string;

  await page.goto("/account");
  const panel = page.getByRole("region", { name: "API tokens" });
  await expect(panel.getByText("You have no API tokens.")).toBeVisible();
  await panel.getByLabel("Name").fill("Nightly sync");
  await panel.getByLabel("Workspace").selectOption({ label: "API desk" });
  await panel.getByRole("radio", { name: /Read and write/ }).check();
  await panel.getByRole("button", { name: "Create token" }).click();
  const token = (await panel.getByTestId("new-api-token").textContent())!.trim();
  expect(token).toMatch(/^mrg_/);
  await expect(panel.getByRole("button", { name: "Copy token" })).toBeVisible();
  const row = panel.getByRole("row", { name: /Nightly sync/ });
  await expect(row).toContainText("API desk");
  await expect(row).toContainText("Read and write");
  await expect(row).toContainText("Never");
  await page.screenshot({ path: test.info().outputPath("account-api-tokens.png"), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  // A client with the token and no cookies.
  const api = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  const workspaces = await api.get("/api/workspaces");
  expect(workspaces.status()).toBe(200);
  expect((await workspaces.json()).data).toEqual([expect.objectContaining({ id: workspaceId, name: "API desk" })]);
  const article = await api.get(`/api/workspaces/${workspaceId}/articles/${articleId}`);
  expect(article.status()).toBe(200);
  const { currentRevision } = (await article.json()).data;
  const start = currentRevision.text.indexOf("Massoud");
  const created = await api.post(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`, {
    data: { revisionId: currentRevision.id, start, end: start + 7, exact: "Massoud", note: "via the API" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const listed = await api.get(`/api/workspaces/${workspaceId}/annotations?limit=10`);
  expect(listed.status()).toBe(200);
  const page1 = await listed.json();
  expect(page1.data.map((a: { exact: string }) => a.exact)).toEqual(["Massoud"]);
  expect(page1.nextCursor).toBeNull();

  // The settings page now shows when it was used.
  await page.reload();
  await expect(panel.getByRole("row", { name: /Nightly sync/ })).not.toContainText("Never");

  page.once("dialog", (dialog) => dialog.accept());
  await panel.getByRole("button", { name: "Revoke Nightly sync" }).click();
  await expect(panel.getByRole("row", { name: /Nightly sync/ })).toContainText("Revoked");
  const after = await api.get("/api/workspaces");
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("UNAUTHENTICATED");
  await api.dispose();
});

test("the API documentation renders the OpenAPI document", async ({ page }) => {
  // Every route is documented on one page: axe takes a while over it on a busy machine.
  test.slow();
  await signedInUser(page, "reader");
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "Marginalia API", level: 1 })).toBeVisible();
  const create = page.locator("article", { has: page.getByText("Create an annotation", { exact: true }) });
  await expect(create).toContainText("/api/workspaces/{workspaceId}/articles/{articleId}/annotations");
  await expect(create.getByRole("link", { name: "CreateAnnotation" })).toBeVisible();
  await expect(page.locator("#schema-Annotation")).toContainText("revisionId");
  const spec = await page.request.get("/api/openapi.json");
  expect((await spec.json()).openapi).toBe("3.1.0");
  await page.screenshot({ path: test.info().outputPath("api-docs.png") });
  expect(await seriousViolations(page)).toEqual([]);
});
