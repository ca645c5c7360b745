import { expect, test } from "@playwright/test";
import { highlightsOf } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { createWorkspace } from "../factories/workspaces";

const site = `http://127.0.0.1:${Number(process.env.CAPTURE_SITE_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 95)}`;

test("the bookmarklet's capture page captures the page by URL with the selected text highlighted", async ({ page }) => {
  await signedInUser(page, "analyst");
  const workspaceId = await createWorkspace(page, "Bookmarklet desk");
  await page.goto("/account");
  await expect(page.getByTestId("bookmarklet")).toHaveAttribute("href", /^javascript:/);

  const url = `${site}/articles/bm-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const selection = "Cracks were found in the spillway.";
  // What the bookmarklet opens: the capture page with the address and the selection.
  await page.goto(`/capture?url=${encodeURIComponent(url)}&selection=${encodeURIComponent(selection)}`);
  await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}/import\\?`));
  await expect(page.getByLabel("Page address")).toHaveValue(url);
  await expect(page.getByText("The selected text becomes a highlight")).toBeVisible();
  await page.getByRole("button", { name: "Capture page" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}/articles/[^/?]+$`), { timeout: 30_000 });
  const articleId = new URL(page.url()).pathname.split("/").pop()!;

  const annotations = (
    await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`)).json()
  ).data as { id: string; exact: string }[];
  expect(annotations.map((a) => a.exact)).toEqual([selection]);
  await expect(highlightsOf(page, annotations[0].id).first()).toBeVisible();
});
