import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { seedArticlePath } from "../fixtures/shared-articles";
import { seriousViolations } from "../factories/a11y";
import { annotateViaApi } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace, importFile } from "../factories/workspaces";

/** A generated article beside the seed one: Arabic with diacritics, Chinese without spaces, a misspelled name. */
const GENERATED = [
  "Field notes from the valley",
  "Reports spelled the commander's name Masood; Ahmad Massoud denied it.",
  "Ahmad Massoud and Amrullah Saleh met again.",
  "وصل كِتَاب جديد إلى المقاومة في وادي بنجشير.",
  "阿富汗人在喀布尔举行谈判，会谈持续了三天。",
].join("\n\n");

async function seed(page: Page) {
  const workspaceId = await createWorkspace(page, "Search desk");
  const api = `/api/workspaces/${workspaceId}`;
  const seedId = await importFile(page, workspaceId, {
    name: "afghan-resistance-2021.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const res = await page.request.post(`${api}/articles`, { data: { text: GENERATED, title: "Field notes" } });
  expect(res.status(), await res.text()).toBe(201);
  const generatedId = (await res.json()).data.id as string;
  const types: { id: string; name: string }[] = (await (await page.request.get(`${api}/entity-types`)).json()).data;
  const entity = await page.request.post(`${api}/entities`, {
    data: { name: "Ahmad Massoud", typeId: types.find((t) => t.name === "Person")!.id },
  });
  expect(entity.status(), await entity.text()).toBe(201);
  const massoudId = (await entity.json()).data.id as string;
  const seedText: string = (await (await page.request.get(`${api}/articles/${seedId}`)).json()).data.currentRevision
    .text;
  return { workspaceId, seedId, generatedId, massoudId, seedText };
}

test("Ctrl+K lists the entity and passages, Enter opens the search page, which counts right and marks matches", async ({
  page,
}) => {
  await signedInUser(page, "searcher");
  const { workspaceId, seedId, generatedId, massoudId, seedText } = await seed(page);
  // Every "Massoud" of the seed article tagged as the entity.
  const massouds = seedText.split("Massoud").length - 1;
  for (let i = 0; i < massouds; i++) await annotateViaApi(page, workspaceId, seedId, "Massoud", i, massoudId);

  await page.goto(`/w/${workspaceId}`);
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog");
  await palette.getByRole("combobox").fill("Massoud");
  await expect(palette.getByRole("group", { name: "Entities" }).getByRole("option")).toHaveText([
    "Ahmad MassoudPerson",
  ]);
  await expect(palette.getByRole("group", { name: "Passages" }).getByRole("option").first()).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=Massoud$/);
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("Massoud");

  // entity:"Ahmad Massoud" -Saleh: paragraphs naming him without Saleh, his annotations, the entity itself.
  const paragraphs = [...seedText.split("\n\n"), ...GENERATED.split("\n\n")];
  const expectedPassages = paragraphs.filter((p) => /Ahmad Massoud/.test(p) && !/Saleh/.test(p)).length;
  await page.goto(`/w/${workspaceId}/search?q=${encodeURIComponent('entity:"Ahmad Massoud" -Saleh')}`);
  await expect(page.getByTestId("count-passage")).toHaveText(String(expectedPassages));
  await expect(page.getByTestId("count-annotation")).toHaveText(String(massouds));
  await expect(page.getByTestId("count-entity")).toHaveText("1");
  await expect(page.getByTestId("count-comment")).toHaveText("0");
  const passages = page.getByRole("region", { name: "Passages" });
  expect(expectedPassages).toBe(1);
  await expect(passages.locator("mark")).toHaveText(["Ahmad", "Massoud"]);
  await expect(passages.getByText(/Saleh/)).toHaveCount(0);

  // Opening a passage result shows the reader at the match, highlighted for a moment.
  await passages.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/articles/${generatedId}\\?match=\\d+-\\d+`));
  await expect(page.getByTestId("search-match")).toBeVisible();
  await expect(page.getByTestId("search-match").first()).toContainText(/Ahmad|Massoud/);
});

test("a misspelled name offers the right one; Arabic without diacritics and a Chinese word inside a sentence are found", async ({
  page,
}) => {
  await signedInUser(page, "linguist");
  const { workspaceId } = await seed(page);

  await page.goto(`/w/${workspaceId}/search?q=Masood`);
  await page.getByText("Did you mean").getByRole("link", { name: "massoud" }).click();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("massoud");
  await expect(page.getByRole("region", { name: "Entities" }).getByText("Ahmad Massoud")).toBeVisible();

  await page.keyboard.press("Control+k");
  await page.getByRole("dialog").getByRole("combobox").fill("Masood");
  await expect(page.getByRole("dialog").getByRole("option", { name: /Did you mean “massoud”/ })).toBeVisible();
  await expect(page.getByRole("dialog").getByRole("option", { name: "Ahmad Massoud Person" })).toBeVisible();
  await page.keyboard.press("Escape");

  await page.goto(`/w/${workspaceId}/search?q=${encodeURIComponent("كتاب")}`);
  await expect(page.getByRole("region", { name: "Passages" }).locator("mark")).toHaveText(["كِتَاب"]);

  await page.goto(`/w/${workspaceId}/search?q=${encodeURIComponent("谈判")}`);
  await expect(page.getByRole("region", { name: "Passages" }).locator("mark")).toHaveText(["谈判"]);
});

async function userPage(browser: Browser, label: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signedInUser(page, label);
  return page;
}

test("a blind analyst's search shows none of the other analyst's annotations, not even in facet counts", async ({
  page,
  browser,
}) => {
  await signedInUser(page, "lead");
  const { workspaceId, seedId } = await seed(page);
  const blind = await userPage(browser, "blind");
  const other = await userPage(browser, "other");
  for (const analyst of [blind, other]) {
    await acceptInvitation(analyst, await createInvitation(page, workspaceId, "ANALYST"));
  }
  const members: { userId: string; email: string }[] = (
    await (await page.request.get(`/api/workspaces/${workspaceId}/members`)).json()
  ).data;
  const blindId = members.find((m) => m.email.startsWith("blind"))!.userId;
  const res = await page.request.post(`/api/workspaces/${workspaceId}/assignments`, {
    data: { articleId: seedId, assigneeIds: [blindId], blind: true },
  });
  expect(res.status(), await res.text()).toBe(201);
  await annotateViaApi(blind, workspaceId, seedId, "Saleh", 0);
  for (let i = 1; i < 4; i++) await annotateViaApi(other, workspaceId, seedId, "Saleh", i);

  await blind.goto(`/w/${workspaceId}/search?q=Saleh`);
  await expect(blind.getByTestId("count-annotation")).toHaveText("1");
  await expect(
    blind.getByRole("complementary", { name: "Filters" }).getByRole("link", { name: /Other Tester/ }),
  ).toHaveCount(0);
  await page.goto(`/w/${workspaceId}/search?q=Saleh`);
  await expect(page.getByTestId("count-annotation")).toHaveText("4");
  await expect(
    page.getByRole("complementary", { name: "Filters" }).getByRole("link", { name: "Other Tester" }),
  ).toBeVisible();
  await blind.context().close();
  await other.context().close();
});

test("tag-all from passage results creates the annotations after a preview, and Undo removes them", async ({
  page,
}) => {
  await signedInUser(page, "tagger");
  const { workspaceId, seedId, seedText } = await seed(page);
  const api = `/api/workspaces/${workspaceId}`;
  const types: { id: string; name: string }[] = (await (await page.request.get(`${api}/entity-types`)).json()).data;
  const created = await page.request.post(`${api}/entities`, {
    data: { name: "Tajikistan", typeId: types.find((t) => t.name === "Location")!.id },
  });
  expect(created.status(), await created.text()).toBe(201);
  const occurrences = seedText.split("Tajikistan").length - 1;
  const annotationsOf = async () =>
    (
      (await (await page.request.get(`${api}/articles/${seedId}/annotations?limit=100`)).json()).data as {
        exact: string;
        entity: { name: string } | null;
      }[]
    ).filter((a) => a.entity?.name === "Tajikistan");

  await page.goto(`/w/${workspaceId}/search?q=Tajikistan&kind=passage`);
  await page.getByRole("button", { name: "Tag as entity…" }).click();
  await page
    .getByTestId("entity-combobox")
    .getByRole("option", { name: /Tajikistan/ })
    .first()
    .click();
  const preview = page.getByRole("group", { name: "Tag preview" });
  await expect(preview).toContainText(`Tag ${occurrences} matches in 1 article as Tajikistan?`);
  expect(await annotationsOf()).toHaveLength(0);
  await preview.getByRole("button", { name: `Tag ${occurrences}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tagged" })).toHaveText(
    `Tagged ${occurrences} matches as Tajikistan. Undo`,
  );
  const tagged = await annotationsOf();
  expect(tagged).toHaveLength(occurrences);
  expect(new Set(tagged.map((a) => a.exact))).toEqual(new Set(["Tajikistan"]));

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Removed" })).toHaveText(
    `Removed ${occurrences} annotations.`,
  );
  expect(await annotationsOf()).toHaveLength(0);
});

test("a reviewer accepts the annotation results shown in one go", async ({ page, browser }) => {
  await signedInUser(page, "reviewer");
  const { workspaceId, seedId } = await seed(page);
  const analyst = await userPage(browser, "analyst");
  await acceptInvitation(analyst, await createInvitation(page, workspaceId, "ANALYST"));
  for (let i = 0; i < 3; i++) await annotateViaApi(analyst, workspaceId, seedId, "Saleh", i);

  await page.goto(`/w/${workspaceId}/search?q=${encodeURIComponent("Saleh kind:annotation")}`);
  await expect(page.getByTestId("count-annotation")).toHaveText("3");
  const filters = page.getByRole("complementary", { name: "Filters" });
  await expect(filters.getByRole("region", { name: "Review status" })).toContainText("Proposed 3");
  await page.getByRole("button", { name: "Accept these 3" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Accepted 3." })).toBeVisible();
  await expect(filters.getByRole("region", { name: "Review status" })).toContainText("Accepted 3");
  const accepted = (
    await (await analyst.request.get(`/api/workspaces/${workspaceId}/annotations?status=ACCEPTED`)).json()
  ).data as unknown[];
  expect(accepted).toHaveLength(3);
  await analyst.context().close();
});

test("a comment in a relation's thread is found, says which relation, and opens that thread", async ({ page }) => {
  await signedInUser(page, "relation-searcher");
  const { workspaceId, seedId, massoudId } = await seed(page);
  const api = `/api/workspaces/${workspaceId}`;
  const types = (await (await page.request.get(`${api}/entity-types`)).json()).data as { id: string; name: string }[];
  const organization = await page.request.post(`${api}/entities`, {
    data: { name: "National Resistance Front", typeId: types.find((t) => t.name === "Organization")!.id },
  });
  expect(organization.status(), await organization.text()).toBe(201);
  const source = await annotateViaApi(page, workspaceId, seedId, "Massoud", 0, massoudId);
  const target = await annotateViaApi(
    page,
    workspaceId,
    seedId,
    "National Resistance Front",
    0,
    (await organization.json()).data.id,
  );
  const relationTypes = (await (await page.request.get(`${api}/relation-types`)).json()).data as {
    id: string;
    name: string;
  }[];
  const relation = await page.request.post(`${api}/articles/${seedId}/relations`, {
    data: { sourceId: source, targetId: target, typeId: relationTypes.find((t) => t.name === "leads")!.id },
  });
  expect(relation.status(), await relation.text()).toBe(201);
  const relationId = (await relation.json()).data.id as string;
  const text = "Leads it, or only speaks for its commanders in exile?";
  const comment = await page.request.post(`${api}/relations/${relationId}/comments`, {
    data: { body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] } },
  });
  expect(comment.status(), await comment.text()).toBe(201);

  await page.goto(`/w/${workspaceId}/search?q=${encodeURIComponent("commanders exile")}`);
  await expect(page.getByTestId("count-comment")).toHaveText("1");
  const found = page.getByRole("region", { name: "Comments" }).getByRole("listitem");
  await expect(found).toHaveCount(1);
  await expect(found.locator(".search-result-context")).toContainText(
    "on leads: Ahmad Massoud → National Resistance Front",
  );
  await expect(found.locator("mark")).toHaveText(["commanders", "exile"]);
  if (process.env.SEARCH_SHOTS) await page.screenshot({ path: `${process.env.SEARCH_SHOTS}/relation-comment.png` });

  await found.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/articles/${seedId}\\?relation=${relationId}&comment=`));
  const thread = page.getByTestId("thread");
  await expect(thread.getByRole("heading", { name: "Relation discussion" })).toBeVisible();
  const comments = thread.getByRole("list", { name: "Comments" }).getByRole("listitem");
  await expect(comments).toHaveCount(1);
  await expect(comments).toContainText(text);
});

test("the search page and the palette have no serious or critical axe violations", async ({ page }) => {
  await signedInUser(page, "a11y-search");
  const { workspaceId } = await seed(page);
  await page.goto(`/w/${workspaceId}/search?q=Massoud`);
  await expect(page.getByRole("region", { name: "Passages" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press("Control+k");
  await page.getByRole("dialog").getByRole("combobox").fill("Massoud");
  await expect(page.getByRole("dialog").getByRole("option", { name: "Ahmad Massoud Person" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
