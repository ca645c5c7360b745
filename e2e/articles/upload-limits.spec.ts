import { expect, test } from "@playwright/test";
import { signedInUser } from "../factories/users";
import { createWorkspace } from "../factories/workspaces";

test("an upload over 5 MB shows a clear message next to the file field, and the API answers 413", async ({ page }) => {
  await signedInUser(page, "analyst");
  const workspaceId = await createWorkspace(page);
  const big = { name: "huge.txt", mimeType: "text/plain", buffer: Buffer.alloc(5 * 1024 * 1024 + 10, "a") };

  await page.goto(`/w/${workspaceId}/import`);
  await page.getByLabel("File", { exact: true }).setInputFiles(big);
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "“huge.txt” is 5.0 MB; the limit is 5 MB." })).toBeVisible();
  await expect(page.getByLabel("File", { exact: true })).toHaveAttribute("aria-invalid", "true");

  const res = await page.request.post(`/api/workspaces/${workspaceId}/articles`, { multipart: { file: big } });
  expect(res.status()).toBe(413);
  expect((await res.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
});

test("an unsupported file type answers 415 and the form says which types work", async ({ page }) => {
  await signedInUser(page, "analyst");
  const workspaceId = await createWorkspace(page);
  await page.goto(`/w/${workspaceId}/import`);
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "slides.pptx", mimeType: "application/vnd.ms-powerpoint", buffer: Buffer.from("PK") });
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByRole("alert").filter({ hasText: ".txt, .md, .html, .docx, .pdf" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}/import$`));
});
