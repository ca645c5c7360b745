import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { unzipText } from "../../lib/export/test/unzip";
import { annotateViaApi } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace } from "../factories/workspaces";

const TEXT = [
  "Field notes from the valley",
  "Amrullah Saleh spoke first. Saleh said the pass was held.",
  "Reports spelled the commander's name Masood; Ahmad Massoud denied it.",
  "وصل كِتَاب جديد إلى المقاومة في وادي بنجشير.",
  "Saleh left at night.",
].join("\n\n");

async function seed(page: Page) {
  const workspaceId = await createWorkspace(page, "Search actions");
  const api = `/api/workspaces/${workspaceId}`;
  const res = await page.request.post(`${api}/articles`, { data: { text: TEXT, title: "Field notes" } });
  expect(res.status(), await res.text()).toBe(201);
  const articleId = (await res.json()).data.id as string;
  const types: { id: string; name: string }[] = (await (await page.request.get(`${api}/entity-types`)).json()).data;
  const person = types.find((t) => t.name === "Person")!.id;
  const entity = async (name: string) => {
    const created = await page.request.post(`${api}/entities`, { data: { name, typeId: person } });
    expect(created.status(), await created.text()).toBe(201);
    return (await created.json()).data.id as string;
  };
  return { workspaceId, articleId, massoudId: await entity("Ahmad Massoud"), salehId: await entity("Amrullah Saleh") };
}

async function userPage(browser: Browser, label: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signedInUser(page, label);
  return page;
}

test("a saved search lists its new matches since it was last opened; opening resets them; rename and delete", async ({
  page,
  browser,
}) => {
  await signedInUser(page, "saver");
  const { workspaceId, articleId } = await seed(page);
  const analyst = await userPage(browser, "finder");
  await acceptInvitation(analyst, await createInvitation(page, workspaceId, "ANALYST"));

  await page.goto(`/w/${workspaceId}/search?q=${encodeURIComponent("Saleh kind:annotation")}`);
  await page.getByRole("button", { name: "Save this search" }).click();
  await page.getByLabel("Name").fill("Saleh highlights");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const saved = page.getByRole("region", { name: "Saved searches" });
  await expect(saved.getByRole("link", { name: "Saleh highlights" })).toBeVisible();
  await expect(saved.getByText(/new$/)).toHaveCount(0);

  // Someone else highlights Saleh three times: three new matches.
  for (let i = 0; i < 3; i++) await annotateViaApi(analyst, workspaceId, articleId, "Saleh", i);
  await page.goto(`/w/${workspaceId}/search`);
  await expect(saved.getByText("3 new")).toBeVisible();
  await page.screenshot({ path: "test-results/saved-searches.png", fullPage: true });

  await saved.getByRole("link", { name: "Saleh highlights" }).click();
  await expect(page).toHaveURL(/\/search\?q=Saleh\+kind%3Aannotation$/);
  await expect(page.getByTestId("count-annotation")).toHaveText("3");
  await expect(saved.getByText(/new$/)).toHaveCount(0);
  await page.reload();
  await expect(saved.getByText(/new$/)).toHaveCount(0);

  await saved.getByRole("button", { name: "Rename Saleh highlights" }).click();
  await saved.getByLabel("New name for Saleh highlights").fill("Saleh, all");
  await saved.getByRole("button", { name: "Save" }).click();
  await expect(saved.getByRole("link", { name: "Saleh, all" })).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await saved.getByRole("button", { name: "Delete Saleh, all" }).click();
  await expect(saved.getByText("None yet.")).toBeVisible();
  await analyst.context().close();
});

test("Change entity on the ticked annotation results, undone as one action; Export these downloads exactly them", async ({
  page,
}) => {
  await signedInUser(page, "changer");
  const { workspaceId, articleId, salehId } = await seed(page);
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await annotateViaApi(page, workspaceId, articleId, "Saleh", i));
  const entityOf = async () =>
    Object.fromEntries(
      (
        (await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`)).json())
          .data as { id: string; entity: { name: string } | null }[]
      ).map((a) => [a.id, a.entity?.name ?? null]),
    );

  await page.goto(`/w/${workspaceId}/search?q=${encodeURIComponent("Saleh kind:annotation")}`);
  const results = page.getByRole("region", { name: "Annotations" });
  await results.getByRole("checkbox", { name: "Select this annotation" }).nth(0).check();
  await results.getByRole("checkbox", { name: "Select this annotation" }).nth(1).check();
  await results.getByRole("button", { name: "Change entity…" }).click();
  await page.getByTestId("entity-combobox").getByRole("combobox").fill("Amrullah");
  await page
    .getByTestId("entity-combobox")
    .getByRole("option", { name: /Amrullah Saleh/ })
    .first()
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Changed" })).toHaveText(
    "Changed 2 annotations to Amrullah Saleh. Undo",
  );
  expect(Object.values(await entityOf()).filter((n) => n === "Amrullah Saleh")).toHaveLength(2);
  await page.screenshot({ path: "test-results/change-entity.png", fullPage: true });
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Put back" })).toHaveText(
    "Put back the entity of 2 annotations.",
  );
  expect(Object.values(await entityOf())).toEqual([null, null, null]);

  // Export these: the CSV of the search's annotations, all three.
  await page.getByLabel("Export these as").selectOption("csv");
  const downloading = page.waitForEvent("download");
  await results.getByRole("link", { name: "Export" }).click();
  const download = await downloading;
  const files = await unzipText(await readFile((await download.path())!));
  const rows = files.flatMap((f) => f.text.trim().split(/\r\n/).slice(1));
  expect(rows).toHaveLength(3);
  for (const id of ids) expect(rows.some((r) => r.includes(id))).toBe(true);
  expect(salehId).toBeTruthy();
});

test("names spelled closely are listed below the exact hits as similar; a stop word says why nothing is found; Arabic ignores the article", async ({
  page,
}) => {
  await signedInUser(page, "fuzzy");
  const { workspaceId } = await seed(page);

  await page.goto(`/w/${workspaceId}/search?q=Massod`);
  const similar = page.getByRole("region", { name: "Similar names" });
  await expect(similar.getByText("similar").first()).toBeVisible();
  await expect(similar.locator("mark").first()).toHaveText("Massoud");
  await expect(page.getByText("Nothing found.")).toHaveCount(0);
  await page.screenshot({ path: "test-results/similar.png", fullPage: true });

  // Exact hits first, then the similar ones below them.
  await page.goto(`/w/${workspaceId}/search?q=Masood`);
  const exact = page.getByRole("region", { name: "Passages" });
  await expect(exact.locator("mark")).toHaveText(["Masood"]);
  await expect(similar.locator("mark").first()).toHaveText("Massoud");
  const [exactBox, similarBox] = [await exact.boundingBox(), await similar.boundingBox()];
  expect(similarBox!.y).toBeGreaterThan(exactBox!.y);

  await page.goto(`/w/${workspaceId}/search?q=the`);
  await expect(page.getByRole("status").filter({ hasText: "too common" })).toContainText(
    "“the” is a word too common to search for on its own. Add more words, or put a phrase in quotes",
  );
  await expect(page.getByText("Nothing found.")).toHaveCount(0);
  await page.screenshot({ path: "test-results/too-common.png", fullPage: true });

  await page.goto(`/w/${workspaceId}/search?q=${encodeURIComponent("الكتاب")}`);
  await expect(page.getByRole("region", { name: "Passages" }).locator("mark")).toHaveText(["كِتَاب"]);
  await page.goto(`/w/${workspaceId}/search?q=${encodeURIComponent("مقاومة")}`);
  await expect(page.getByRole("region", { name: "Passages" }).locator("mark")).toHaveText(["المقاومة"]);
});
