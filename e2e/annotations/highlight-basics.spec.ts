import { expect, test } from "@playwright/test";
import { annotateViaApi, highlightsOf, selectText } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";

const BRIEF =
  "Port brief\n\nThe harbour master met the customs chief on Tuesday to discuss the backlog of ships.\n\nA second paragraph follows here.";

async function setup(page: import("@playwright/test").Page) {
  await signedInUser(page, "analyst");
  const workspaceId = await createWorkspace(page, "Highlight desk");
  const articleId = await importFile(page, workspaceId, {
    name: "brief.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(BRIEF),
  });
  return { workspaceId, articleId };
}

test("keyboard only: Shift+arrows select, H highlights", async ({ page }) => {
  const { workspaceId, articleId } = await setup(page);
  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  const reader = page.locator("[data-testid=article-body] .ProseMirror[contenteditable=true]");
  await reader.focus();
  await page.keyboard.press("Control+Home");
  for (let i = 0; i < "Port brief".length; i++) await page.keyboard.press("Shift+ArrowRight");
  await expect(page.getByRole("toolbar", { name: "Annotate selection" })).toBeVisible();
  await page.keyboard.press("h");
  const mark = page.locator("mark.annotation-highlight");
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveText("Port brief");
  await page.reload();
  await expect(page.locator("mark.annotation-highlight")).toHaveText("Port brief");
});

test("overlapping and nested highlights are all visible and separately clickable", async ({ page }) => {
  const { workspaceId, articleId } = await setup(page);
  const outer = await annotateViaApi(page, workspaceId, articleId, "harbour master met the customs");
  const overlapping = await annotateViaApi(page, workspaceId, articleId, "the customs chief on Tuesday");
  const nested = await annotateViaApi(page, workspaceId, articleId, "master");
  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  for (const id of [outer, overlapping, nested]) await expect(highlightsOf(page, id).first()).toBeVisible();
  expect((await highlightsOf(page, outer).allTextContents()).join("")).toBe("harbour master met the customs");
  expect((await highlightsOf(page, overlapping).allTextContents()).join("")).toBe("the customs chief on Tuesday");

  const panel = page.getByTestId("annotation-panel");
  await highlightsOf(page, nested).first().click();
  await expect(panel.getByRole("listbox").getByRole("option", { selected: true })).toContainText("master");
  await expect(panel.getByRole("listbox").getByRole("option", { selected: true })).not.toContainText("harbour");
  await page.getByTestId("article-body").getByText("chief on").click();
  await expect(panel.getByRole("listbox").getByRole("option", { selected: true })).toContainText(
    "the customs chief on Tuesday",
  );
  await page.getByTestId("article-body").getByText("harbour").click();
  await expect(panel.getByRole("listbox").getByRole("option", { selected: true })).toContainText(
    "harbour master met the customs",
  );
});

test("delete shows Undo, and Undo restores the same highlight", async ({ page }) => {
  const { workspaceId, articleId } = await setup(page);
  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  await selectText(page, "customs chief");
  await page
    .getByRole("toolbar", { name: "Annotate selection" })
    .getByRole("button", { name: /Highlight/ })
    .click();
  const mark = page.locator("mark.annotation-highlight");
  await expect(mark).toHaveText("customs chief");
  await expect.poll(async () => mark.getAttribute("data-annotation-id")).not.toMatch(/^tmp-/);
  const id = await mark.getAttribute("data-annotation-id");

  await page.getByRole("button", { name: /Delete annotation “customs chief”/ }).click();
  await expect(mark).toHaveCount(0);
  await page
    .getByRole("status")
    .filter({ hasText: "Annotation deleted" })
    .getByRole("button", { name: "Undo" })
    .click();
  await expect(highlightsOf(page, id!)).toHaveText("customs chief");
  await expect(page.getByRole("status").filter({ hasText: "Annotation restored." })).toBeVisible();
  await page.reload();
  await expect(highlightsOf(page, id!)).toHaveText("customs chief");
});

test("a second session editing a stale version is told and shown the newer one (409)", async ({ page, browser }) => {
  const { workspaceId, articleId } = await setup(page);
  const id = await annotateViaApi(page, workspaceId, articleId, "customs chief");
  const person = (
    await (
      await page.request.post(`/api/workspaces/${workspaceId}/entities`, {
        data: {
          name: "Customs chief",
          typeId: (await (await page.request.get(`/api/workspaces/${workspaceId}/entity-types`)).json()).data[0].id,
        },
      })
    ).json()
  ).data;

  const second = await browser.newContext({ storageState: await page.context().storageState() });
  const other = await second.newPage();
  // A session that has not heard of the change: its live stream is down, so it keeps version 1.
  await other.route("**/api/workspaces/*/events**", (route) => route.abort());
  await other.goto(`/w/${workspaceId}/articles/${articleId}`);
  await page.goto(`/w/${workspaceId}/articles/${articleId}`);

  // The first session changes it (version 1 → 2)…
  await highlightsOf(page, id).click();
  await page.getByRole("button", { name: "Tag entity…" }).click();
  await page.getByTestId("entity-combobox").getByRole("combobox").fill("Customs");
  await page
    .getByTestId("entity-combobox")
    .getByRole("option", { name: /^Customs chief/ })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Tagged as Customs chief." })).toBeVisible();

  // …then the second, still on version 1, tries too.
  await highlightsOf(other, id).click();
  await other.getByRole("button", { name: "Tag entity…" }).click();
  await other.getByTestId("entity-combobox").getByRole("combobox").fill("Customs");
  await other
    .getByTestId("entity-combobox")
    .getByRole("option", { name: /^Customs chief/ })
    .click();
  await expect(other.getByRole("alert").filter({ hasText: "Someone else changed this annotation" })).toBeVisible();
  await expect(
    other.getByTestId("annotation-panel").getByRole("listbox").getByRole("option", { selected: true }),
  ).toContainText(person.name);
  await second.close();
});
