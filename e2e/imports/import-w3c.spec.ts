import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { annotateViaApi, highlightsOf } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

type Annotation = { id: string; start: number; end: number; exact: string; entity: { name: string } | null };

const seed = () => ({ name: "seed.txt", mimeType: "text/plain", buffer: readFileSync(seedArticlePath) });
const codePoints = (s: string) => [...s].length;

async function annotationsOf(page: Page, workspaceId: string, articleId: string): Promise<Annotation[]> {
  const res = await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`);
  expect(res.status()).toBe(200);
  return ((await res.json()).data as Annotation[]).sort((a, b) => a.start - b.start);
}

/**
 * A W3C Web Annotation collection of an article's annotations, as other tools
 * write them: quote with context and code-point position, the entity by
 * identifying, classifying and tagging bodies.
 */
function w3cCollection(text: string, annotations: (Annotation & { prefix: string; suffix: string })[], type: string) {
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id: "https://tool.example/collections/1",
    type: "AnnotationCollection",
    total: annotations.length,
    first: {
      id: "https://tool.example/collections/1#page-1",
      type: "AnnotationPage",
      items: annotations.map((a, i) => ({
        id: `https://tool.example/annotations/${i}`,
        type: "Annotation",
        motivation: a.entity ? "tagging" : "highlighting",
        ...(a.entity
          ? {
              body: [
                { type: "TextualBody", purpose: "classifying", value: type },
                { type: "TextualBody", purpose: "tagging", value: a.entity.name },
              ],
            }
          : {}),
        target: {
          type: "SpecificResource",
          source: "https://tool.example/texts/afghan-resistance-2021.txt",
          selector: [
            { type: "TextQuoteSelector", exact: a.exact, prefix: a.prefix, suffix: a.suffix },
            {
              type: "TextPositionSelector",
              start: codePoints(text.slice(0, a.start)),
              end: codePoints(text.slice(0, a.end)),
            },
          ],
        },
      })),
    },
  };
}

test("import a W3C JSON-LD file into a new workspace's copy of the seed article and see the same highlights", async ({
  page,
}) => {
  await signedInUser(page, "importer");
  const source = await createWorkspace(page, "Source desk");
  const sourceArticle = await importFile(page, source, seed());
  const text: string = (await (await page.request.get(`/api/workspaces/${source}/articles/${sourceArticle}`)).json())
    .data.currentRevision.text;

  // The seed article repeats a sentence: annotate its second occurrence, plus an entity and a plain highlight.
  const repeated = "The Taliban are deeply unpopular among Afghans, especially in the cities.";
  expect(text.split(repeated).length).toBe(3);
  const types = (await (await page.request.get(`/api/workspaces/${source}/entity-types`)).json()).data;
  const person = types.find((t: { name: string }) => t.name === "Person");
  const entity = await page.request.post(`/api/workspaces/${source}/entities`, {
    data: { name: "Ahmad Massoud", typeId: person.id },
  });
  expect(entity.status()).toBe(201);
  await annotateViaApi(page, source, sourceArticle, "Ahmad Massoud", 0, (await entity.json()).data.id);
  await annotateViaApi(page, source, sourceArticle, repeated, 1);
  await annotateViaApi(page, source, sourceArticle, "government in exile", 0);
  const original = await annotationsOf(page, source, sourceArticle);
  const full = (
    await (await page.request.get(`/api/workspaces/${source}/articles/${sourceArticle}/annotations`)).json()
  ).data as (Annotation & { prefix: string; suffix: string })[];
  const file = JSON.stringify(w3cCollection(text, full, "Person"), null, 2);

  const target = await createWorkspace(page, "Copy desk");
  const copy = await importFile(page, target, seed());
  await page.goto(`/w/${target}/articles/${copy}`);
  await expect(page.locator("mark.annotation-highlight")).toHaveCount(0);

  await page.getByRole("button", { name: "Import annotations" }).click();
  const dialog = page.getByRole("dialog", { name: "Import annotations" });
  await dialog.getByLabel("Annotation file").setInputFiles({
    name: "annotations.jsonld",
    mimeType: "application/ld+json",
    buffer: Buffer.from(file),
  });
  const summary = dialog.getByRole("list", { name: "Summary" });
  await expect(summary.locator('[data-outcome="anchored"]')).toContainText("3");
  await expect(summary.locator('[data-outcome="unanchorable"]')).toContainText("0");
  await expect(dialog.getByRole("row")).toHaveCount(4);
  await expect(dialog.getByRole("cell", { name: "Ahmad Massoud" }).first()).toBeVisible();
  await page.screenshot({ path: "test-results/import-preview.png" });

  await dialog.getByRole("button", { name: "Import 3 annotations" }).click();
  await expect(dialog.getByRole("status")).toContainText("Imported 3 annotations");
  await dialog.getByRole("button", { name: "Close", exact: true }).last().click();

  // The same highlights, live and after a reload, on the same characters (the second copy of the repeated sentence).
  await expect(page.locator("mark.annotation-highlight")).not.toHaveCount(0);
  await page.reload();
  const imported = await annotationsOf(page, target, copy);
  expect(imported.map(({ start, end, exact }) => ({ start, end, exact }))).toEqual(
    original.map(({ start, end, exact }) => ({ start, end, exact })),
  );
  expect(imported.map((a) => a.entity?.name ?? null)).toEqual(original.map((a) => a.entity?.name ?? null));
  for (const a of imported) {
    await expect(highlightsOf(page, a.id).first()).toBeVisible();
    expect((await highlightsOf(page, a.id).allTextContents()).join("")).toBe(a.exact);
  }
});
