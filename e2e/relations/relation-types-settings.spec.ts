import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { annotateViaApi, highlightsOf } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

/** An entity of the named type, created through the API; returns its id. */
async function entity(page: Page, workspaceId: string, name: string, typeName: string): Promise<string> {
  const types = (await (await page.request.get(`/api/workspaces/${workspaceId}/entity-types`)).json()).data as {
    id: string;
    name: string;
  }[];
  const res = await page.request.post(`/api/workspaces/${workspaceId}/entities`, {
    data: { name, typeId: types.find((t) => t.name === typeName)!.id },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data.id;
}

type RelationTypeJson = {
  id: string;
  name: string;
  inverseLabel: string | null;
  directed: boolean;
  sourceTypeIds: string[];
  targetTypeIds: string[];
  color: string;
  shortcut: string | null;
  archivedAt: string | null;
};

async function relationTypes(page: Page, workspaceId: string): Promise<RelationTypeJson[]> {
  return (await (await page.request.get(`/api/workspaces/${workspaceId}/relation-types?archived=true`)).json()).data;
}

/** Opens the link menu from `sourceId` to the annotation found by typing `targetQuery`; returns the type listbox. */
async function openTypeMenu(page: Page, sourceId: string, targetQuery: string) {
  await highlightsOf(page, sourceId).first().click();
  await page.keyboard.press("r");
  const picker = page.getByRole("dialog", { name: "Link to another annotation" });
  await expect(picker.getByRole("searchbox", { name: "Find the target annotation" })).toBeFocused();
  await page.keyboard.type(targetQuery);
  await page.keyboard.press("Enter");
  return picker.getByRole("listbox", { name: "Relation type" });
}

/** The settings row of the relation type named `name`. */
function rowOf(page: Page, name: string) {
  return page
    .getByRole("region", { name: "Relation types" })
    .getByRole("list", { name: "Relation types" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("button", { name: `Edit ${name}`, exact: true }) });
}

async function joinAs(owner: Page, page: Page, workspaceId: string, role: string) {
  const invite = await createInvitation(owner, workspaceId, role);
  await signedInUser(page, role.toLowerCase());
  await acceptInvitation(page, invite);
}

test("an owner adds “funds” (Organization → Organization, key f) in Settings, links two organizations with it in the reader, edits it, archives it: its relation stays", async ({
  page,
}) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Funding desk");
  const text = readFileSync(seedArticlePath, "utf8");
  const articleId = await importFile(page, workspaceId, {
    name: "seed.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(text),
  });
  const taliban = await entity(page, workspaceId, "Taliban", "Organization");
  const front = await entity(page, workspaceId, "National Resistance Front", "Organization");
  const source = await annotateViaApi(page, workspaceId, articleId, "Taliban", 0, taliban);
  const target = await annotateViaApi(page, workspaceId, articleId, "National Resistance Front", 0, front);

  await page.goto(`/w/${workspaceId}/settings#relation-types`);
  const manager = page.getByRole("region", { name: "Relation types" });
  const rows = manager.getByRole("list", { name: "Relation types" }).getByRole("listitem");
  const summaryOf = (name: string) => rowOf(page, name).getByTestId("relation-type-summary");
  // The defaults are listed with their inverse label (or "both ways"), ends and key.
  await expect(rows).toHaveCount(6);
  await expect(summaryOf("leads")).toHaveText("leads · led by · Person → Organization · key l");
  await expect(summaryOf("met with")).toHaveText("met with · both ways · Person ↔ Person · key w");
  await expect(summaryOf("located in")).toHaveText("located in · location of · any → Location · key i");

  const add = manager.getByRole("form", { name: "Add a relation type" });
  await add.getByLabel("Name").fill("funds");
  await add.getByLabel("Inverse label").fill("funded by");
  await add.getByRole("group", { name: "Source entity types" }).getByRole("checkbox", { name: "Organization" }).check();
  await add.getByRole("group", { name: "Target entity types" }).getByRole("checkbox", { name: "Organization" }).check();
  await add.getByLabel("Colour").fill("#0f766e");
  // A key another type has: the server's answer shows next to the field.
  await add.getByLabel("Shortcut").fill("l");
  await add.getByRole("button", { name: "Add relation type" }).click();
  await expect(add.getByText("The shortcut “l” already belongs to leads.")).toBeVisible();
  await expect(add.getByLabel("Shortcut")).toHaveAttribute("aria-invalid", "true");
  // Checked by the shared schema before anything is sent.
  await add.getByLabel("Shortcut").fill("ß");
  await add.getByRole("button", { name: "Add relation type" }).click();
  await expect(add.getByText("Use one lowercase letter or digit.")).toBeVisible();
  await add.getByLabel("Shortcut").fill("f");
  await add.getByRole("button", { name: "Add relation type" }).click();
  await expect(add.getByRole("status")).toHaveText("Added “funds”.");
  await expect(add.getByLabel("Name")).toHaveValue("");
  await expect(summaryOf("funds")).toHaveText("funds · funded by · Organization → Organization · key f");
  const created = (await relationTypes(page, workspaceId)).find((t) => t.name === "funds")!;
  const organization = created.sourceTypeIds[0];
  expect(created).toMatchObject({
    inverseLabel: "funded by",
    directed: true,
    sourceTypeIds: [organization],
    targetTypeIds: [organization],
    color: "#0f766e",
    shortcut: "f",
    archivedAt: null,
  });

  await rowOf(page, "funds").getByRole("button", { name: "Edit funds" }).click();
  const edit = manager.getByRole("form", { name: "Edit funds" });
  await expect(edit.getByLabel("Shortcut")).toHaveValue("f");
  await expect(
    edit.getByRole("group", { name: "Source entity types" }).getByRole("checkbox", { name: "Organization" }),
  ).toBeChecked();
  // The card with a type's form open: no serious or critical axe violations.
  const axe = await new AxeBuilder({ page }).include("#relation-types").analyze();
  expect(
    axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`),
  ).toEqual([]);
  if (process.env.E2E_SCREENSHOTS) {
    await manager.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/relation-types-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await manager.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/relation-types-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  // In the reader, two Organizations: "funds" is offered with its key, next to "same as" (any ↔ any).
  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  const types = await openTypeMenu(page, source, "National");
  await expect(types.getByRole("option")).toHaveText([/^same as\s*a$/, /^funds\s*f$/]);
  await page.keyboard.press("f");
  await expect(page.getByTestId("relation-arcs").locator(".relation-label", { hasText: "funds" })).toBeVisible();
  const relationsOf = async () =>
    (await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/relations`)).json()).data;
  await expect.poll(async () => (await relationsOf()).length).toBe(1);
  expect((await relationsOf())[0]).toMatchObject({
    type: { name: "funds" },
    source: { id: source },
    target: { id: target },
  });

  // Edit: inverse label and colour; only those are sent. A taken name is refused next to the field.
  await page.goto(`/w/${workspaceId}/settings#relation-types`);
  const funds = rowOf(page, "funds");
  await funds.getByRole("button", { name: "Edit funds" }).click();
  await expect(edit.getByLabel("Inverse label")).toHaveValue("funded by");
  await edit.getByLabel("Name").fill("Leads");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.getByText("A relation type with that name exists.")).toBeVisible();
  await expect(edit.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await edit.getByLabel("Name").fill("funds");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(funds.getByRole("status")).toHaveText("Nothing to save.");
  await edit.getByLabel("Inverse label").fill("financed by");
  await edit.getByLabel("Colour").fill("#b45309");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(funds.getByRole("status")).toHaveText("Saved “funds”.");
  await expect(edit).toBeHidden();
  await expect(funds.getByRole("button", { name: "Edit funds" })).toBeFocused();
  await expect(summaryOf("funds")).toHaveText("funds · financed by · Organization → Organization · key f");
  expect((await relationTypes(page, workspaceId)).find((t) => t.name === "funds")).toMatchObject({
    inverseLabel: "financed by",
    color: "#b45309",
  });

  // Archive (the API has no delete): the type leaves the reader's menu, its relation stays.
  await funds.getByRole("button", { name: "Archive funds" }).click();
  await expect(funds.getByRole("status")).toHaveText("Archived.");
  await expect(summaryOf("funds")).toHaveText("funds · financed by · Organization → Organization · key f · Archived");
  await expect(funds.getByRole("button", { name: "Unarchive funds" })).toBeVisible();
  expect((await relationTypes(page, workspaceId)).find((t) => t.name === "funds")!.archivedAt).not.toBeNull();
  expect(await relationsOf()).toEqual([expect.objectContaining({ type: expect.objectContaining({ name: "funds" }) })]);

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  const after = await openTypeMenu(page, source, "National");
  await expect(after.getByRole("option")).toHaveText([/^same as\s*a$/]);
});

test("reviewers manage relation types in Settings; an analyst can neither see the card nor change a type through the API", async ({
  page,
  browser,
}) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Relation type roles");
  const leads = (await relationTypes(page, workspaceId)).find((t) => t.name === "leads")!;

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await joinAs(page, reviewer, workspaceId, "REVIEWER");
  await reviewer.goto(`/w/${workspaceId}/settings`);
  const row = rowOf(reviewer, "leads");
  await row.getByRole("button", { name: "Edit leads" }).click();
  const edit = reviewer.getByRole("form", { name: "Edit leads" });
  // Symmetric: no inverse label; the summary says "both ways".
  await edit.getByRole("radio", { name: /^Symmetric/ }).check();
  await expect(edit.getByLabel("Inverse label")).toBeDisabled();
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved “leads”.");
  await expect(row.getByTestId("relation-type-summary")).toHaveText(
    "leads · both ways · Person ↔ Organization · key l",
  );
  expect((await relationTypes(reviewer, workspaceId)).find((t) => t.id === leads.id)).toMatchObject({
    directed: false,
    inverseLabel: null,
  });
  await reviewerContext.close();

  const analystContext = await browser.newContext();
  const analyst = await analystContext.newPage();
  await joinAs(page, analyst, workspaceId, "ANALYST");
  expect((await analyst.goto(`/w/${workspaceId}/settings`))?.status()).toBe(404);
  await expect(analyst.getByRole("region", { name: "Relation types" })).toHaveCount(0);
  const base = `/api/workspaces/${workspaceId}/relation-types`;
  const patch = await analyst.request.patch(`${base}/${leads.id}`, { data: { name: "hijacked", archived: true } });
  expect(patch.status()).toBe(403);
  expect((await patch.json()).error.code).toBe("FORBIDDEN");
  const post = await analyst.request.post(base, { data: { name: "sneaky", color: "#000000" } });
  expect(post.status()).toBe(403);
  // Listing stays open to every member (the reader needs the types).
  expect((await analyst.request.get(base)).status()).toBe(200);
  expect((await relationTypes(page, workspaceId)).find((t) => t.id === leads.id)).toMatchObject({
    name: "leads",
    archivedAt: null,
  });
  await analystContext.close();
});
