import { expect, test } from "@playwright/test";
import { signedInUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace, importFile } from "../factories/workspaces";

const sampleFile = {
  name: "brief.txt",
  mimeType: "text/plain",
  buffer: Buffer.from("Brief title\n\nA first paragraph.\n\nA second paragraph."),
};

test("should block unauthorized access to an article: a non-member gets the 404 page and the API 404", async ({
  page,
  browser,
}) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Private desk");
  const articleId = await importFile(page, workspaceId, sampleFile);

  const other = await browser.newContext();
  const stranger = await other.newPage();
  await signedInUser(stranger, "stranger");
  const response = await stranger.goto(`/w/${workspaceId}/articles/${articleId}`);
  expect(response?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(stranger.getByText("A first paragraph.")).toHaveCount(0);

  const api = await stranger.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}`);
  expect(api.status()).toBe(404);
  expect((await api.json()).error.code).toBe("NOT_FOUND");
  await other.close();
});

test("should block unauthorized access for anonymous callers: pages redirect to sign-in, the API answers 401", async ({
  page,
}) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page);
  const articleId = await importFile(page, workspaceId, sampleFile);
  await page.context().clearCookies();

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  const api = await page.request.get(`/api/workspaces/${workspaceId}/articles`);
  expect(api.status()).toBe(401);
});

test("a viewer cannot import: the button is hidden and the API answers 403", async ({ page, browser }) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Read-only desk");
  const invite = await createInvitation(page, workspaceId, "VIEWER");

  const other = await browser.newContext();
  const viewer = await other.newPage();
  await signedInUser(viewer, "viewer");
  await acceptInvitation(viewer, invite);

  await viewer.goto(`/w/${workspaceId}`);
  await expect(viewer.getByRole("heading", { name: "Read-only desk" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Import article" })).toHaveCount(0);

  const res = await viewer.request.post(`/api/workspaces/${workspaceId}/articles`, { multipart: { file: sampleFile } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("FORBIDDEN");
  await other.close();
});
