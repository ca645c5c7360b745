import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { annotateViaApi } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace, importFile } from "../factories/workspaces";

const textFile = (name: string, text: string) => ({ name, mimeType: "text/plain", buffer: Buffer.from(text) });

/**
 * A workspace with two articles and two people: “Gen. Dostum” (A, mentioned
 * once in each article) and “Abdul Rashid Dostum” (B, once in the first).
 */
async function seedDostums(page: Page, name = "Entity desk") {
  const workspaceId = await createWorkspace(page, name);
  const north = await importFile(
    page,
    workspaceId,
    textFile(
      "north.txt",
      "Northern front\n\nAbdul Rashid Dostum returned to Mazar on Monday. Aides said Gen. Dostum would address <b>supporters</b> soon.",
    ),
    "Northern front",
  );
  const talks = await importFile(
    page,
    workspaceId,
    textFile("talks.txt", "Kabul talks\n\nDelegates in Kabul said Gen. Dostum had not been invited to the talks."),
    "Kabul talks",
  );
  const types: { id: string; name: string }[] = (
    await (await page.request.get(`/api/workspaces/${workspaceId}/entity-types`)).json()
  ).data;
  const person = types.find((t) => t.name === "Person")!;
  const create = async (name: string) => {
    const res = await page.request.post(`/api/workspaces/${workspaceId}/entities`, {
      data: { name, typeId: person.id },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).data.id as string;
  };
  const a = await create("Gen. Dostum");
  const b = await create("Abdul Rashid Dostum");
  await annotateViaApi(page, workspaceId, north, "Gen. Dostum", 0, a);
  await annotateViaApi(page, workspaceId, talks, "Gen. Dostum", 0, a);
  await annotateViaApi(page, workspaceId, north, "Abdul Rashid Dostum", 0, b);
  return { workspaceId, articles: { north, talks }, entities: { a, b } };
}

async function joinAs(page: Page, browserPage: Page, workspaceId: string, role: string) {
  const invite = await createInvitation(page, workspaceId, role);
  const user = await signedInUser(browserPage, role.toLowerCase());
  await acceptInvitation(browserPage, invite);
  return user;
}

test("an entity page groups its mentions by article, in context and as text; a lead edits aliases and the external id", async ({
  page,
}) => {
  const owner = await signedInUser(page, "owner");
  const { workspaceId, articles, entities } = await seedDostums(page);

  await page.goto(`/w/${workspaceId}/entities/${entities.a}`);
  await expect(page.getByRole("heading", { level: 1, name: "Gen. Dostum" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Entities" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("2 mentions in 2 articles.")).toBeVisible();
  const north = page.getByRole("region", { name: /Northern front/ });
  const talks = page.getByRole("region", { name: /Kabul talks/ });
  await expect(north.getByRole("link", { name: "Northern front" })).toHaveAttribute(
    "href",
    `/w/${workspaceId}/articles/${articles.north}`,
  );
  await expect(talks.getByRole("link", { name: "Kabul talks" })).toHaveAttribute(
    "href",
    `/w/${workspaceId}/articles/${articles.talks}`,
  );
  const mention = north.getByTestId("entity-mention");
  await expect(mention).toHaveCount(1);
  await expect(mention.locator("mark")).toHaveText("Gen. Dostum");
  // The context is the article's own text: markup in it is shown, never rendered.
  await expect(mention).toContainText("Aides said Gen. Dostum would address <b>");
  await expect(mention.locator("b")).toHaveCount(0);
  await expect(mention).toContainText(`Tagged by ${owner.name}`);
  await expect(talks.getByTestId("entity-mention")).toContainText("Kabul said Gen. Dostum had not been invited");

  const form = page.getByRole("region", { name: "Edit entity" });
  await form.getByLabel("Aliases").fill("Dostum\nThe General\n\nDostum");
  await form.getByLabel("External id").fill("javascript:alert(1)");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByText("Use a Wikidata id such as Q42 or an http(s) URL.")).toBeVisible();
  await expect(form.getByLabel("External id")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("External id").fill("Q193648");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await expect(form.getByLabel("Aliases")).toHaveValue("Dostum\nThe General");
  const saved = (await (await page.request.get(`/api/workspaces/${workspaceId}/entities/${entities.a}`)).json()).data;
  expect(saved.aliases).toEqual(["Dostum", "The General"]);
  expect(saved.externalId).toBe("Q193648");

  await page.reload();
  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByRole("listitem")).toHaveText(["Dostum", "The General"]);
  const wikidata = details.getByRole("link", { name: /Wikidata Q193648/ });
  await expect(wikidata).toHaveAttribute("href", "https://www.wikidata.org/wiki/Q193648");
  await expect(wikidata).toHaveAttribute("rel", "noopener noreferrer nofollow");
});

test("an edit made on a page opened before someone else's change is refused, shown and kept; saving again lands on theirs", async ({
  page,
}) => {
  await signedInUser(page, "owner");
  const { workspaceId, entities } = await seedDostums(page, "Conflict desk");
  await page.goto(`/w/${workspaceId}/entities/${entities.a}`);
  const form = page.getByRole("region", { name: "Edit entity" });
  await expect(form.getByLabel("Name")).toHaveValue("Gen. Dostum");

  // Another lead adds an alias while this page is open.
  const theirs = await page.request.patch(`/api/workspaces/${workspaceId}/entities/${entities.a}`, {
    data: { version: 1, aliases: ["Dostum"] },
  });
  expect(theirs.status()).toBe(200);

  await form.getByLabel("Name").fill("General Dostum");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("alert")).toContainText("Someone else changed this entity since you loaded it");
  // What was typed stays; the field not touched here shows what they saved.
  await expect(form.getByLabel("Name")).toHaveValue("General Dostum");
  await expect(form.getByLabel("Aliases")).toHaveValue("Dostum");
  let stored = (await (await page.request.get(`/api/workspaces/${workspaceId}/entities/${entities.a}`)).json()).data;
  expect(stored).toMatchObject({ name: "Gen. Dostum", aliases: ["Dostum"], version: 2 });

  // Saving again sends only the rename, on their version: their alias stays.
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  stored = (await (await page.request.get(`/api/workspaces/${workspaceId}/entities/${entities.a}`)).json()).data;
  expect(stored).toMatchObject({ name: "General Dostum", aliases: ["Dostum"], version: 3 });
});

test("merging A into B through the UI opens B with every mention; A points to its survivor", async ({ page }) => {
  await signedInUser(page, "owner");
  const { workspaceId, entities } = await seedDostums(page, "Merge desk");

  await page.goto(`/w/${workspaceId}/entities/${entities.a}`);
  const merge = page.getByRole("region", { name: "Merge into…" });
  await merge.getByLabel("Find the entity to keep").fill("abdul");
  await merge.getByRole("radio", { name: /Abdul Rashid Dostum/ }).check();
  await expect(merge.getByRole("radio")).toHaveCount(1);
  await merge.getByRole("button", { name: "Merge into “Abdul Rashid Dostum”…" }).click();
  await expect(
    merge.getByText(
      "Merge “Gen. Dostum” into “Abdul Rashid Dostum”? Mentions move to Abdul Rashid Dostum, aliases are united.",
    ),
  ).toBeVisible();
  // Escape backs out; the question comes back with the button.
  await page.keyboard.press("Escape");
  await expect(merge.getByRole("button", { name: "Merge into “Abdul Rashid Dostum”…" })).toBeFocused();
  await page.keyboard.press("Enter");
  await merge.getByRole("button", { name: "Merge", exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}/entities/${entities.b}`));
  await expect(page.getByRole("heading", { level: 1, name: "Abdul Rashid Dostum" })).toBeVisible();
  await expect(
    page.getByRole("status").filter({ hasText: "Merged “Gen. Dostum” into Abdul Rashid Dostum." }),
  ).toBeVisible();
  await expect(page.getByText("3 mentions in 2 articles.")).toBeVisible();
  const north = page.getByRole("region", { name: /Northern front/ }).getByTestId("entity-mention");
  await expect(north.locator("mark")).toHaveText(["Abdul Rashid Dostum", "Gen. Dostum"]);
  await expect(page.getByRole("region", { name: /Kabul talks/ }).locator("mark")).toHaveText("Gen. Dostum");
  await expect(page.getByRole("region", { name: "Details" }).getByRole("listitem")).toHaveText(["Gen. Dostum"]);

  await page.goto(`/w/${workspaceId}/entities/${entities.a}`);
  const notice = page.getByRole("note");
  await expect(notice).toContainText("This entity was merged into Abdul Rashid Dostum");
  await expect(notice.getByRole("link", { name: "Abdul Rashid Dostum" })).toHaveAttribute(
    "href",
    `/w/${workspaceId}/entities/${entities.b}`,
  );
  await expect(page.getByRole("region", { name: "Merge into…" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Edit entity" })).toHaveCount(0);

  await page.goto(`/w/${workspaceId}/entities`);
  await expect(page.getByRole("link", { name: "Gen. Dostum" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Abdul Rashid Dostum" })).toBeVisible();
});

test("the entity list searches names and aliases, filters by type and links to each entity", async ({ page }) => {
  await signedInUser(page, "owner");
  const { workspaceId, entities } = await seedDostums(page, "List desk");
  await page.request.patch(`/api/workspaces/${workspaceId}/entities/${entities.b}`, {
    data: { version: 1, aliases: ["Pasha"] },
  });

  await page.goto(`/w/${workspaceId}`);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Entities" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Entities" })).toBeVisible();
  const table = page.getByRole("table", { name: "Entities" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row", { name: /Abdul Rashid Dostum/ })).toContainText("Person");
  await expect(table.getByRole("row", { name: /Abdul Rashid Dostum/ })).toContainText("Pasha");

  await page.getByRole("searchbox", { name: "Search names and aliases" }).fill("pasha");
  await page.getByRole("searchbox", { name: "Search names and aliases" }).press("Enter");
  await expect(page).toHaveURL(/[?&]q=pasha/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await table.getByRole("link", { name: "Abdul Rashid Dostum" }).click();
  await expect(page).toHaveURL(new RegExp(`/entities/${entities.b}$`));

  await page.goto(`/w/${workspaceId}/entities?q=Dostum`);
  await expect(table.getByRole("row")).toHaveCount(3);
  await page.getByLabel("Type").selectOption({ label: "Organization" });
  await expect(page).toHaveURL(/[?&]type=/);
  await expect(page.getByText("No Organization entity matches “Dostum”.")).toBeVisible();
  await page.getByRole("link", { name: "Show all entities" }).click();
  await expect(table.getByRole("row")).toHaveCount(3);
});

test("should block unauthorized access to entities: unknown and foreign ids are 404, an analyst cannot edit or merge", async ({
  page,
  browser,
}) => {
  await signedInUser(page, "owner");
  const { workspaceId, entities } = await seedDostums(page, "Guarded desk");
  const other = await seedDostums(page, "Other desk");

  for (const id of ["no-such-entity", other.entities.a]) {
    const response = await page.goto(`/w/${workspaceId}/entities/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Entity not found" })).toBeVisible();
  }

  const context = await browser.newContext();
  const analyst = await context.newPage();
  await joinAs(page, analyst, workspaceId, "ANALYST");
  await analyst.goto(`/w/${workspaceId}/entities/${entities.a}`);
  await expect(analyst.getByRole("heading", { level: 1, name: "Gen. Dostum" })).toBeVisible();
  await expect(analyst.getByText("2 mentions in 2 articles.")).toBeVisible();
  await expect(analyst.getByRole("region", { name: "Edit entity" })).toHaveCount(0);
  await expect(analyst.getByRole("region", { name: "Merge into…" })).toHaveCount(0);
  await expect(analyst.getByRole("button", { name: /Save|Merge/ })).toHaveCount(0);
  await expect(
    analyst.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Settings" }),
  ).toHaveCount(0);
  expect((await analyst.goto(`/w/${workspaceId}/settings`))?.status()).toBe(404);

  const base = `/api/workspaces/${workspaceId}`;
  const patch = await analyst.request.patch(`${base}/entities/${entities.a}`, {
    data: { version: 1, aliases: ["Hijacked"] },
  });
  expect(patch.status()).toBe(403);
  expect((await patch.json()).error.code).toBe("FORBIDDEN");
  const merge = await analyst.request.post(`${base}/entities/${entities.a}/merge`, { data: { intoId: entities.b } });
  expect(merge.status()).toBe(403);
  const type = await analyst.request.post(`${base}/entity-types`, { data: { name: "Sneaky", color: "#000000" } });
  expect(type.status()).toBe(403);
  const unchanged = (await (await page.request.get(`${base}/entities/${entities.a}`)).json()).data;
  expect(unchanged.aliases).toEqual([]);
  expect(unchanged.mergedIntoId).toBeNull();
  await context.close();
});

test("a type row opened before someone else's recolouring refuses the save, then shows their colour, which a second save keeps", async ({
  page,
}) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Type conflict desk");
  await page.goto(`/w/${workspaceId}/settings`);
  const person = page.getByRole("region", { name: "Entity types" }).getByRole("group", { name: "Person" });
  await expect(person.getByLabel("Name")).toHaveValue("Person");
  const types: { id: string; name: string; color: string; version: number }[] = (
    await (await page.request.get(`/api/workspaces/${workspaceId}/entity-types`)).json()
  ).data;
  const type = types.find((t) => t.name === "Person")!;
  const theirs = await page.request.patch(`/api/workspaces/${workspaceId}/entity-types/${type.id}`, {
    data: { version: type.version, color: "#118833" },
  });
  expect(theirs.status()).toBe(200);

  await person.getByLabel("Name").fill("People");
  await person.getByRole("button", { name: "Save" }).click();
  await expect(person.getByRole("alert")).toContainText("Someone else changed this entity type since you loaded it");
  // The colour field, untouched here, now shows theirs (React moves an untouched field to its new default); the typed name stays.
  await expect(person.getByLabel("Colour")).toHaveValue("#118833");
  await expect(person.getByLabel("Name")).toHaveValue("People");
  await person.getByRole("button", { name: "Save" }).click();
  await expect(person.getByRole("status")).toHaveText("Saved.");
  const stored = (await (await page.request.get(`/api/workspaces/${workspaceId}/entity-types`)).json()).data.find(
    (t: { id: string }) => t.id === type.id,
  );
  expect(stored).toMatchObject({ name: "People", color: "#118833", version: type.version + 2 });
});

test("a reviewer manages entity types in Settings: add, duplicate shortcut refused inline, rename, recolour, archive", async ({
  page,
  browser,
}) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Types desk");
  const context = await browser.newContext();
  const reviewer = await context.newPage();
  await joinAs(page, reviewer, workspaceId, "REVIEWER");

  await reviewer.goto(`/w/${workspaceId}`);
  await reviewer.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Settings" }).click();
  await expect(reviewer.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(reviewer.getByLabel("Workspace name")).toHaveCount(0);
  const manager = reviewer.getByRole("region", { name: "Entity types" });
  await expect(manager.getByRole("group", { name: "Person" })).toBeVisible();

  const add = manager.getByRole("form", { name: "Add a type" });
  await add.getByLabel("Name").fill("Weapon");
  await add.getByLabel("Colour").fill("#123456");
  await add.getByLabel("Shortcut").fill("w");
  await add.getByRole("button", { name: "Add type" }).click();
  await expect(add.getByRole("status")).toHaveText("Added “Weapon”.");
  const weapon = manager.getByRole("group", { name: "Weapon" });
  await expect(weapon).toBeVisible();
  await expect(weapon.getByLabel("Shortcut")).toHaveValue("w");
  await expect(add.getByLabel("Name")).toHaveValue("");

  await add.getByLabel("Name").fill("Vehicle");
  await add.getByLabel("Shortcut").fill("p");
  await add.getByRole("button", { name: "Add type" }).click();
  await expect(add.getByText("The shortcut “p” already belongs to Person.")).toBeVisible();
  await expect(add.getByLabel("Shortcut")).toHaveAttribute("aria-invalid", "true");

  await weapon.getByLabel("Name").fill("Weapons");
  await weapon.getByLabel("Colour").fill("#aa0000");
  await weapon.getByRole("button", { name: "Save" }).click();
  await expect(weapon.getByRole("status")).toHaveText("Saved.");
  const weapons = manager.getByRole("group", { name: "Weapons" });
  await weapons.getByRole("button", { name: "Archive" }).click();
  await expect(manager.getByRole("group", { name: "Weapons Archived" })).toBeVisible();
  await expect(
    manager.getByRole("group", { name: "Weapons Archived" }).getByRole("button", { name: "Unarchive" }),
  ).toBeVisible();

  const types = (await (await reviewer.request.get(`/api/workspaces/${workspaceId}/entity-types?archived=true`)).json())
    .data as { name: string; color: string; shortcut: string | null; archivedAt: string | null }[];
  const saved = types.find((t) => t.name === "Weapons")!;
  expect(saved).toMatchObject({ color: "#aa0000", shortcut: "w" });
  expect(saved.archivedAt).not.toBeNull();
  expect(types.some((t) => t.name === "Vehicle")).toBe(false);
  await context.close();

  await page.goto(`/w/${workspaceId}/settings`);
  await expect(page.getByLabel("Workspace name")).toHaveValue("Types desk");
  await expect(
    page.getByRole("region", { name: "Entity types" }).getByRole("group", { name: "Weapons Archived" }),
  ).toBeVisible();
});

test("entity list, entity page and settings have no serious or critical axe violations", async ({ page }) => {
  await signedInUser(page, "a11y");
  const { workspaceId, entities } = await seedDostums(page, "Accessible entities");
  for (const path of ["/entities", `/entities/${entities.a}`, "/settings"]) {
    await page.goto(`/w/${workspaceId}${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${path} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    expect(serious).toEqual([]);
  }
});
