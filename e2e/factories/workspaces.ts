import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";

/** Creates a workspace as the page's signed-in user; returns its id. */
export async function createWorkspace(page: Page, name = "E2E workspace"): Promise<string> {
  const res = await page.request.post("/api/workspaces", { data: { name } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data.id;
}

/** Creates an invitation link for `role`; returns its URL path. */
export async function createInvitation(page: Page, workspaceId: string, role: string): Promise<string> {
  const res = await page.request.post(`/api/workspaces/${workspaceId}/invitations`, { data: { role } });
  expect(res.status(), await res.text()).toBe(201);
  return new URL((await res.json()).data.url).pathname;
}

/** Joins a workspace through an invitation path as the page's signed-in user. */
export async function acceptInvitation(page: Page, invitePath: string): Promise<void> {
  const token = invitePath.split("/").pop()!;
  const res = await page.request.post(`/api/invitations/${token}`);
  expect(res.status(), await res.text()).toBe(200);
}

/** Imports a file into the workspace through the API; returns the article id. */
export async function importFile(
  page: Page,
  workspaceId: string,
  file: { name: string; mimeType: string; buffer: Buffer },
  title?: string,
): Promise<string> {
  const res = await page.request.post(`/api/workspaces/${workspaceId}/articles`, {
    multipart: { file, ...(title ? { title } : {}) },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data.id;
}
