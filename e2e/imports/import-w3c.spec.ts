import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { annotateViaApi, highlightsOf } from "../factories/annotations";
import { exportViaUi } from "../factories/exports";
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

/** A source workspace with the seed article annotated: an entity, the second of a repeated sentence, a plain highlight with a thread. */
async function annotatedSource(page: Page) {
  const workspaceId = await createWorkspace(page, "Source desk");
  const articleId = await importFile(page, workspaceId, seed());
  const text: string = (await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}`)).json())
    .data.currentRevision.text;
  const repeated = "The Taliban are deeply unpopular among Afghans, especially in the cities.";
  expect(text.split(repeated).length).toBe(3);
  const types = (await (await page.request.get(`/api/workspaces/${workspaceId}/entity-types`)).json()).data;
  const person = types.find((t: { name: string }) => t.name === "Person");
  const entity = await page.request.post(`/api/workspaces/${workspaceId}/entities`, {
    data: { name: "Ahmad Massoud", typeId: person.id },
  });
  expect(entity.status()).toBe(201);
  await annotateViaApi(page, workspaceId, articleId, "Ahmad Massoud", 0, (await entity.json()).data.id);
  await annotateViaApi(page, workspaceId, articleId, repeated, 1);
  const exile = await annotateViaApi(page, workspaceId, articleId, "government in exile", 0);
  const comment = await page.request.post(`/api/workspaces/${workspaceId}/annotations/${exile}/comments`, {
    data: {
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Which capital?" }] }] },
    },
  });
  expect(comment.status(), await comment.text()).toBe(201);
  return { workspaceId, articleId, text };
}

/** Imports `file` through the article page's dialog, expecting every highlight anchored. */
async function importThroughDialog(page: Page, file: { name: string; bytes: Buffer }, count: number) {
  await page.getByRole("button", { name: "Import annotations" }).click();
  const dialog = page.getByRole("dialog", { name: "Import annotations" });
  await dialog.getByLabel("Annotation file").setInputFiles({
    name: file.name,
    mimeType: "application/ld+json",
    buffer: file.bytes,
  });
  const summary = dialog.getByRole("list", { name: "Summary" });
  await expect(summary.locator('[data-outcome="anchored"]')).toContainText(String(count));
  await expect(summary.locator('[data-outcome="unanchorable"]')).toContainText("0");
  await expect(dialog.getByRole("row")).toHaveCount(count + 1);
  await expect(dialog.getByRole("cell", { name: "Ahmad Massoud" }).first()).toBeVisible();
  await page.screenshot({ path: "test-results/import-preview.png" });
  await dialog.getByRole("button", { name: `Import ${count} annotations` }).click();
  await expect(dialog.getByRole("status")).toContainText(`Imported ${count} annotations`);
  await dialog.getByRole("button", { name: "Close", exact: true }).last().click();
  await expect(dialog).toBeHidden();
}

/** The same highlights on the same characters (the second copy of the repeated sentence), shown in the reader. */
async function expectSameHighlights(page: Page, imported: Annotation[], original: Annotation[]) {
  expect(imported.map(({ start, end, exact }) => ({ start, end, exact }))).toEqual(
    original.map(({ start, end, exact }) => ({ start, end, exact })),
  );
  expect(imported.map((a) => a.entity?.name ?? null)).toEqual(original.map((a) => a.entity?.name ?? null));
  for (const a of imported) {
    await expect(highlightsOf(page, a.id).first()).toBeVisible();
    expect((await highlightsOf(page, a.id).allTextContents()).join("")).toBe(a.exact);
  }
}

test("export the seed article as W3C JSON-LD, import it into a new workspace's copy, and see the same highlights and thread", async ({
  page,
}) => {
  await signedInUser(page, "importer");
  const source = await annotatedSource(page);
  const original = await annotationsOf(page, source.workspaceId, source.articleId);
  await page.goto(`/w/${source.workspaceId}/articles/${source.articleId}`);
  const exported = await exportViaUi(page, /W3C Web Annotation/);
  const bratZip = await exportViaUi(page, /brat standoff/);

  const target = await createWorkspace(page, "Copy desk");
  const copy = await importFile(page, target, seed());
  await page.goto(`/w/${target}/articles/${copy}`);
  await expect(page.locator("mark.annotation-highlight")).toHaveCount(0);
  await importThroughDialog(page, exported, 3);

  // Live, then after a reload.
  await expect(page.locator("mark.annotation-highlight")).not.toHaveCount(0);
  await page.reload();
  const imported = await annotationsOf(page, target, copy);
  await expectSameHighlights(page, imported, original);
  const exile = imported.find((a) => a.exact === "government in exile")!;
  const thread = (await (await page.request.get(`/api/workspaces/${target}/annotations/${exile.id}/comments`)).json())
    .data;
  expect(
    thread.comments.map(
      (c: { body: { content: { content: { text: string }[] }[] } }) => c.body.content[0].content[0].text,
    ),
  ).toEqual(["Which capital?"]);

  // The brat zip of the same annotations finds them all already here: nothing to import twice.
  await page.getByRole("button", { name: "Import annotations" }).click();
  const dialog = page.getByRole("dialog", { name: "Import annotations" });
  await dialog.getByLabel("Annotation file").setInputFiles({
    name: bratZip.name,
    mimeType: "application/zip",
    buffer: bratZip.bytes,
  });
  await expect(dialog.getByText(/3 highlights in .*\.ann.* \(brat standoff\)/)).toBeVisible();
  await expect(dialog.getByRole("list", { name: "Summary" }).locator('[data-outcome="duplicate"]')).toContainText("3");
  await expect(dialog.getByRole("button", { name: "Nothing new to import" })).toBeDisabled();
  await page.screenshot({ path: "test-results/import-brat-duplicates.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await annotationsOf(page, target, copy)).toHaveLength(3);
});

test("import another tool's W3C collection (quote, context, code-point positions, tags) and see the same highlights", async ({
  page,
}) => {
  await signedInUser(page, "importer");
  const source = await annotatedSource(page);
  const original = await annotationsOf(page, source.workspaceId, source.articleId);
  const full = (
    await (
      await page.request.get(`/api/workspaces/${source.workspaceId}/articles/${source.articleId}/annotations`)
    ).json()
  ).data as (Annotation & { prefix: string; suffix: string })[];
  const file = JSON.stringify(w3cCollection(source.text, full, "Person"), null, 2);

  const target = await createWorkspace(page, "Copy desk");
  const copy = await importFile(page, target, seed());
  await page.goto(`/w/${target}/articles/${copy}`);
  await importThroughDialog(page, { name: "annotations.jsonld", bytes: Buffer.from(file) }, 3);
  await page.reload();
  await expectSameHighlights(page, await annotationsOf(page, target, copy), original);
});
