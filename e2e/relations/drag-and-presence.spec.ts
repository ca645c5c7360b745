import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { annotateViaApi, highlightsOf } from "../factories/annotations";
import { signedInUser, type E2EUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

const SHOTS = process.env.E2E_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
};

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

/** The seed article with Ahmad Massoud (Person) and the National Resistance Front (Organization) tagged. */
async function seeded(page: Page, name: string) {
  const workspaceId = await createWorkspace(page, name);
  const articleId = await importFile(page, workspaceId, {
    name: "seed.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const massoud = await entity(page, workspaceId, "Ahmad Massoud", "Person");
  const front = await entity(page, workspaceId, "National Resistance Front", "Organization");
  const source = await annotateViaApi(page, workspaceId, articleId, "Ahmad Massoud", 0, massoud);
  const target = await annotateViaApi(page, workspaceId, articleId, "National Resistance Front", 0, front);
  return { workspaceId, articleId, source, target };
}

const centre = async (page: Page, selector: ReturnType<Page["locator"]>) => {
  const box = (await selector.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

test("drag from a highlight's handle to another: a rubber-band arrow follows, Escape cancels, a drop opens the type menu and Enter links", async ({
  page,
}) => {
  await signedInUser(page, "analyst");
  const { workspaceId, articleId, source, target } = await seeded(page, "Drag to link");
  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  await highlightsOf(page, source).first().click();
  const handle = page.getByRole("button", { name: "Drag to another highlight to link" });
  await expect(handle).toBeVisible();
  const band = page.getByTestId("drag-link-band");
  const picker = page.getByRole("dialog", { name: "Link to another annotation" });

  // A drag that is called off: the band follows the pointer, Escape takes it away and makes nothing.
  let from = await centre(page, handle);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 120, from.y + 60, { steps: 5 });
  await expect(band).toBeVisible();
  await expect(band).toHaveAttribute("data-snapped", "false");
  await page.keyboard.press("Escape");
  await expect(band).toBeHidden();
  await page.mouse.up();
  await expect(picker).toBeHidden();

  // The real one: onto the target, the band snaps; dropped, the type menu opens for the pair.
  await highlightsOf(page, target).first().scrollIntoViewIfNeeded();
  await highlightsOf(page, source).first().scrollIntoViewIfNeeded();
  from = await centre(page, handle);
  const to = await centre(page, highlightsOf(page, target).first());
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, Math.min(from.y, to.y) - 20, { steps: 5 });
  await expect(band).toHaveAttribute("data-snapped", "false");
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await expect(band).toHaveAttribute("data-snapped", "true");
  // Both ends light up while over the target.
  await expect(highlightsOf(page, target).first()).toHaveCSS("outline-style", "solid");
  await shot(page, "drag-link-rubber-band");
  await page.mouse.up();
  await expect(band).toBeHidden();
  await expect(picker).toContainText("Ahmad Massoud → National Resistance Front");
  const types = picker.getByRole("listbox", { name: "Relation type" });
  await expect(types).toBeFocused();
  // Only the types these ends allow can be chosen; the first of them is active.
  await expect(types.getByRole("option", { selected: true })).toHaveText(/^member of/);
  await expect(types.getByRole("option", { name: /^met with/ })).toHaveCount(0);
  await page.keyboard.press("ArrowDown");
  await expect(types.getByRole("option", { selected: true })).toHaveText(/^leads/);
  await shot(page, "drag-link-type-menu");
  await page.keyboard.press("Enter");
  await expect(picker).toBeHidden();
  await expect(page.getByTestId("relation-arcs").locator(".relation-label", { hasText: "leads" })).toBeVisible();
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/relations`);
      return (await res.json()).data.map(
        (r: { type: { name: string }; source: { id: string }; target: { id: string } }) =>
          [r.type.name, r.source.id, r.target.id].join(" "),
      );
    })
    .toEqual([`leads ${source} ${target}`]);
});

async function member(browser: Browser, owner: Page, workspaceId: string, label: string, role = "ANALYST") {
  const invite = await createInvitation(owner, workspaceId, role);
  const context = await browser.newContext();
  const page = await context.newPage();
  const user: E2EUser = await signedInUser(page, label);
  await acceptInvitation(page, invite);
  return { context, page, user };
}

test("others see a pending link while it is made (after r, or during a drag), not once it is made or cancelled, and never while annotating blind", async ({
  browser,
}) => {
  const linkerContext = await browser.newContext();
  const linker = await linkerContext.newPage();
  const me = await signedInUser(linker, "linker");
  const { workspaceId, articleId, source, target } = await seeded(linker, "Pending links");
  const colleague = await member(browser, linker, workspaceId, "colleague");
  const blind = await member(browser, linker, workspaceId, "blindfold");
  try {
    const members = (await (await linker.request.get(`/api/workspaces/${workspaceId}/members`)).json()).data as {
      userId: string;
      name: string;
    }[];
    const idOf = (u: E2EUser) => members.find((m) => m.name === u.name)!.userId;
    const assign = await linker.request.post(`/api/workspaces/${workspaceId}/assignments`, {
      data: { articleId, assigneeIds: [idOf(blind.user)], blind: true },
    });
    expect(assign.status(), await assign.text()).toBe(201);
    const url = `/w/${workspaceId}/articles/${articleId}`;
    for (const p of [colleague.page, blind.page, linker]) await p.goto(url);
    const seen = colleague.page.getByRole("status", { name: "Links being made" });
    const seenBlind = blind.page.getByRole("status", { name: "Links being made" });
    const pendingStub = colleague.page.getByTestId("relation-arcs").locator("[data-pending-link]");
    // Everyone is connected before the linker starts.
    await expect(colleague.page.getByRole("list", { name: new RegExp(`^Also reading: .*${me.name}`) })).toBeVisible();

    // The colleague reads where the link starts.
    await highlightsOf(colleague.page, source).first().scrollIntoViewIfNeeded();
    // With the keyboard: r starts a pending link, Escape cancels it.
    await highlightsOf(linker, source).first().click();
    await linker.keyboard.press("r");
    await expect(seen).toHaveText(`${me.name} is linking “Ahmad Massoud” → …`);
    await expect(pendingStub).toHaveText(`${me.name} is linking…`);
    await shot(colleague.page, "pending-link-seen-by-colleague");
    await linker.keyboard.press("Escape");
    await expect(seen).toBeHidden();
    await expect(pendingStub).toHaveCount(0);

    // With the mouse: the drag itself shows, and the link made ends it.
    const handle = linker.getByRole("button", { name: "Drag to another highlight to link" });
    const from = await centre(linker, handle);
    const to = await centre(linker, highlightsOf(linker, target).first());
    await linker.mouse.move(from.x, from.y);
    await linker.mouse.down();
    await linker.mouse.move(from.x + 30, from.y + 30, { steps: 3 });
    await expect(seen).toHaveText(`${me.name} is linking “Ahmad Massoud” → …`);
    await linker.mouse.move(to.x, to.y, { steps: 5 });
    await linker.mouse.up();
    // Choosing the type: still pending.
    await expect(linker.getByRole("listbox", { name: "Relation type" })).toBeFocused();
    await expect(seen).toBeVisible();
    await linker.keyboard.press("l");
    await expect(seen).toBeHidden();
    await expect(
      colleague.page.getByTestId("relation-arcs").locator(".relation-label", { hasText: "leads" }),
    ).toBeVisible();

    // The blind analyst saw none of it, though present all along (the colleague saw both).
    await linker.keyboard.press("r");
    await expect(seen).toBeVisible();
    await expect(seenBlind).toHaveCount(0);
    await expect(blind.page.getByTestId("relation-arcs").locator("[data-pending-link]")).toHaveCount(0);
    const presence = await blind.page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/presence`);
    const present = (await presence.json()).data as { userId: string; linkingFromIds: string[] }[];
    expect(present.find((m) => m.userId === idOf(me))?.linkingFromIds).toEqual([]);
  } finally {
    await Promise.all([linkerContext.close(), colleague.context.close(), blind.context.close()]);
  }
});
