import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { unzipText } from "../../lib/export/test/unzip";
import { annotateViaApi } from "../factories/annotations";
import { exportViaUi } from "../factories/exports";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

const VALIDATOR = path.resolve(__dirname, "../../../shared/conformance/w3c-annotation-model/validate.mjs");
const REPEATED = "The Taliban are deeply unpopular among Afghans, especially in the cities.";
const seedText = readFileSync(seedArticlePath, "utf8").replace(/\r\n?/g, "\n").trimEnd();
const cpSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join("");

type Selector = { type: string; exact?: string; start?: number; end?: number };
type Item = { id: string; motivation: string; target: string | { source: string; selector: Selector[] } };

test("export the seed article's annotations as W3C JSON-LD and as a brat zip from the UI", async ({ page }) => {
  await signedInUser(page, "exporter");
  const workspaceId = await createWorkspace(page, "Export desk");
  const articleId = await importFile(page, workspaceId, {
    name: "afghan-resistance-2021.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const first = await annotateViaApi(page, workspaceId, articleId, REPEATED, 0);
  const second = await annotateViaApi(page, workspaceId, articleId, REPEATED, 1);
  await annotateViaApi(page, workspaceId, articleId, "Ahmad Massoud");
  const comment = await page.request.post(`/api/workspaces/${workspaceId}/annotations/${first}/comments`, {
    data: {
      body: {
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: 'Repeated, "see below".' }] }],
      },
    },
  });
  expect(comment.status(), await comment.text()).toBe(201);

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Export this article’s annotations" })).toBeVisible();
  const axe = await new AxeBuilder({ page }).include(".export-dialog").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("export-dialog.png") });
  await dialog.getByRole("button", { name: "Close" }).click();

  // W3C JSON-LD
  const w3c = await exportViaUi(page, /W3C Web Annotation/);
  expect(w3c.name).toMatch(/\.jsonld$/);
  const collection = JSON.parse(w3c.bytes.toString("utf8"));
  expect(collection.type).toBe("AnnotationCollection");
  const items = collection.first.items as Item[];
  const tags = items.filter((i) => typeof i.target !== "string");
  expect(tags).toHaveLength(3);
  expect(items.find((i) => i.motivation === "commenting")?.target).toBe(tags.find((t) => t.id.endsWith(first))?.id);
  const canonical = await (await page.request.get((tags[0].target as { source: string }).source)).text();
  expect(canonical).toBe(seedText);
  const starts: Record<string, number> = {};
  for (const tag of tags) {
    const target = tag.target as { selector: Selector[] };
    const quote = target.selector.find((s) => s.type === "TextQuoteSelector")!;
    const pos = target.selector.find((s) => s.type === "TextPositionSelector")!;
    expect(cpSlice(canonical, pos.start!, pos.end!)).toBe(quote.exact);
    starts[tag.id.split("/").pop()!] = pos.start!;
  }
  // The second occurrence of the repeated sentence stays the second.
  expect(starts[first]).toBe(Array.from(seedText.slice(0, seedText.indexOf(REPEATED))).length);
  expect(starts[second]).toBe(
    Array.from(seedText.slice(0, seedText.indexOf(REPEATED, seedText.indexOf(REPEATED) + 1))).length,
  );
  const dir = mkdtempSync(path.join(tmpdir(), "e2e-w3c-"));
  writeFileSync(path.join(dir, w3c.name), w3c.bytes);
  const report = execFileSync(process.execPath, [VALIDATOR, path.join(dir, w3c.name)], { encoding: "utf8" });
  expect(report).toMatch(/\b[1-9]\d* passed, 0 failed/);

  // brat zip
  const brat = await exportViaUi(page, /brat standoff/);
  expect(brat.name).toMatch(/\.zip$/);
  const entries = await unzipText(brat.bytes);
  const txt = entries.find((e) => e.name.endsWith(".txt"))!.text;
  const ann = entries.find((e) => e.name.endsWith(".ann"))!.text;
  expect(entries.map((e) => e.name)).toContain("annotation.conf");
  expect(txt).toBe(seedText);
  const tLines = ann.split("\n").filter((l) => l.startsWith("T"));
  expect(tLines).toHaveLength(3);
  for (const line of tLines) {
    const [, typeAndOffsets, text] = line.split("\t");
    const [, s, e] = typeAndOffsets.split(" ");
    expect(cpSlice(txt, Number(s), Number(e))).toBe(text);
  }
  expect(ann).toMatch(/^#\d+\tAnnotatorNotes T\d+\t.*Repeated, "see below"\.$/m);
});

test("the workspace exports as a zip, with progress and filters", async ({ page }) => {
  await signedInUser(page, "ws-exporter");
  const workspaceId = await createWorkspace(page, "Zip desk");
  const articleId = await importFile(page, workspaceId, {
    name: "afghan-resistance-2021.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  await annotateViaApi(page, workspaceId, articleId, "Taliban", 0);
  await annotateViaApi(page, workspaceId, articleId, "Taliban", 1);
  await page.goto(`/w/${workspaceId}`);
  const csv = await exportViaUi(page, /^CSV One row per annotation/);
  expect(csv.name).toMatch(/^zip-desk-csv-\d{4}-\d{2}-\d{2}\.zip$/);
  const [file] = await unzipText(csv.bytes);
  expect(file.name).toBe("annotations.csv");
  expect(file.text.trimEnd().split("\r\n")).toHaveLength(3);

  // A filter that matches nothing still downloads (an empty table).
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("with status").selectOption("REJECTED");
  await dialog.getByRole("radio", { name: /^CSV One row per annotation/ }).check();
  const downloading = page.waitForEvent("download");
  await dialog.getByRole("button", { name: /^Download/ }).click();
  const empty = await unzipText(readFileSync(await (await downloading).path()));
  expect(empty[0].text.trimEnd().split("\r\n")).toHaveLength(1);
});
