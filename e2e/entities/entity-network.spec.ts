import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { seedArticlePath } from "../fixtures/shared-articles";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";

/** Entities of the shared seed article, by type; every occurrence of each quote is tagged. */
const ENTITIES = [
  { name: "Ahmad Massoud", quote: "Massoud", type: "Person" },
  { name: "Amrullah Saleh", quote: "Saleh", type: "Person" },
  { name: "Ashraf Ghani", quote: "Ghani", type: "Person" },
  { name: "Taliban", quote: "Taliban", type: "Organization" },
  { name: "Tajikistan", quote: "Tajikistan", type: "Location" },
  { name: "Kabul", quote: "Kabul", type: "Location" },
  { name: "Panjshir", quote: "Panjshir", type: "Location" },
];

/** Imports the seed article and tags every occurrence of ENTITIES through the API (one batch). */
async function seedNetwork(page: Page) {
  const workspaceId = await createWorkspace(page, "Network desk");
  const articleId = await importFile(page, workspaceId, {
    name: "afghan-resistance-2021.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const api = `/api/workspaces/${workspaceId}`;
  const types: { id: string; name: string }[] = (await (await page.request.get(`${api}/entity-types`)).json()).data;
  const revision = (await (await page.request.get(`${api}/articles/${articleId}`)).json()).data.currentRevision;
  const items = [];
  const ids: Record<string, string> = {};
  for (const entity of ENTITIES) {
    const res = await page.request.post(`${api}/entities`, {
      data: { name: entity.name, typeId: types.find((t) => t.name === entity.type)!.id },
    });
    expect(res.status(), await res.text()).toBe(201);
    ids[entity.name] = (await res.json()).data.id;
    for (let at = revision.text.indexOf(entity.quote); at >= 0; at = revision.text.indexOf(entity.quote, at + 1)) {
      items.push({
        revisionId: revision.id,
        start: at,
        end: at + entity.quote.length,
        exact: entity.quote,
        entityId: ids[entity.name],
      });
    }
  }
  const res = await page.request.post(`${api}/articles/${articleId}/annotations/batch`, { data: { items } });
  expect(res.status(), await res.text()).toBe(201);
  return { workspaceId, articleId, ids, text: revision.text as string };
}

/** Whether sigma's label layer (a 2D canvas above the WebGL ones) has anything drawn on it. */
function labelPixels(page: Page) {
  return page.getByTestId("network-graph").evaluate((graph) => {
    const canvas = graph.querySelector<HTMLCanvasElement>("canvas.sigma-labels");
    const context = canvas?.getContext("2d");
    if (!canvas || !context || !canvas.width || !canvas.height) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
    return drawn;
  });
}

test("the network view renders the seed article's entities, with a table, filters and the passages of a link", async ({
  page,
}) => {
  await signedInUser(page, "owner");
  const { workspaceId, articleId, ids, text } = await seedNetwork(page);

  await page.goto(`/w/${workspaceId}/entities`);
  await page.getByRole("link", { name: "Network view" }).click();
  await expect(page).toHaveURL(`/w/${workspaceId}/entities/network`);
  await expect(page.getByRole("heading", { level: 1, name: "Entity network" })).toBeVisible();

  // The graph: a canvas drawn by sigma, whose labels name the biggest entities.
  const graph = page.getByTestId("network-graph");
  await expect(graph).toHaveAttribute("data-layout", /running|done/);
  await expect(graph).toHaveAttribute("aria-label", /^Entity network: 7 entities, \d+ links/);
  await expect.poll(() => labelPixels(page), { message: "the label layer has text" }).toBeGreaterThan(100);
  await expect(graph).toHaveAttribute("data-layout", "done", { timeout: 15_000 });
  const legend = page.getByRole("group", { name: "Types" });
  for (const type of ["Person", "Organization", "Location"]) {
    await expect(legend.getByRole("checkbox", { name: new RegExp(type) })).toBeChecked();
  }

  // The table alternative lists every entity, with its mentions counted from the text.
  await page.getByRole("button", { name: "Table" }).click();
  const entities = page.getByRole("table", { name: /Entities/ });
  for (const entity of ENTITIES) {
    const row = entities.getByRole("row", { name: new RegExp(`^${entity.name}\\b`) });
    await expect(row.getByRole("link", { name: entity.name })).toHaveAttribute(
      "href",
      `/w/${workspaceId}/entities/${ids[entity.name]}`,
    );
    await expect(row.getByRole("cell").nth(1)).toHaveText(String(text.split(entity.quote).length - 1));
  }

  // Massoud and Saleh share paragraphs (“Ahmad Massoud … and … Amrullah Saleh”): their passages quote both.
  const links = page.getByRole("table", { name: /Strongest links/ });
  // A link names its two entities in id order, which differs from run to run.
  const pair = /^(Ahmad Massoud and Amrullah Saleh|Amrullah Saleh and Ahmad Massoud)$/;
  await links
    .getByRole("button", {
      name: /^Passages with (Ahmad Massoud and Amrullah Saleh|Amrullah Saleh and Ahmad Massoud)$/,
    })
    .click();
  const panel = page.getByRole("region", { name: pair });
  await expect(panel.getByRole("status")).toHaveText(/Together in \d+ paragraphs?\./);
  const first = panel.getByTestId("network-passage").first();
  await expect(first.locator("mark", { hasText: "Massoud" }).first()).toBeVisible();
  await expect(first.locator("mark", { hasText: "Saleh" }).first()).toBeVisible();
  await expect(first.getByRole("link")).toHaveAttribute(
    "href",
    new RegExp(`^/w/${workspaceId}/articles/${articleId}\\?annotation=\\w+$`),
  );

  // Unticking a type hides its entities and their links at once.
  await legend.getByRole("checkbox", { name: /Location/ }).uncheck();
  await expect(entities.getByRole("link", { name: "Kabul" })).toHaveCount(0);
  await expect(entities.getByRole("link", { name: "Taliban" })).toBeVisible();
  await expect(links.getByRole("button", { name: /Tajikistan/ })).toHaveCount(0);

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious).toEqual([]);

  // Back to the graph, which stayed laid out behind the table.
  await page.getByRole("button", { name: "Graph" }).click();
  await expect(graph).toHaveAttribute("data-layout", "done");
  await expect.poll(() => labelPixels(page)).toBeGreaterThan(100);
});

test("the network view has an empty state before anything is tagged", async ({ page }) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Quiet desk");
  await page.goto(`/w/${workspaceId}/entities/network`);
  await expect(page.getByText("No entities are tagged yet.")).toBeVisible();
  await expect(page.getByTestId("network-graph")).toHaveCount(0);
});
