import { describe, expect, it } from "vitest";
import { exportDocument, isZipExport } from "../index";
import { sourceOf } from "../types";
import { allBatches, links } from "./fixtures";
import { unzipText } from "./unzip";

async function bytes(body: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

const url = "http://localhost:3000/api/workspaces/ws_1/export?format=w3c";

describe("exportDocument", () => {
  it("an article's export is one file, named after the article", async () => {
    const [seed] = await allBatches();
    const doc = exportDocument(sourceOf([seed]), {
      format: "w3c",
      scope: { kind: "article", article: seed.article },
      links,
      url,
    });
    expect(doc.fileName).toBe(`afghan-resistance-mulls-formation-of-government-in-exile-art_seed.jsonld`);
    expect(doc.mediaType).toContain("application/ld+json");
    const json = JSON.parse((await bytes(doc.body)).toString("utf8"));
    expect(json.type).toBe("AnnotationCollection");
    expect(json.total).toBe(json.first.items.length);
    expect(json.last).toBe(json.first.id);
  });

  it("brat and workspace exports are zips of the format's files", async () => {
    const batches = await allBatches();
    expect(isZipExport("brat", "article")).toBe(true);
    expect(isZipExport("csv", "article")).toBe(false);
    expect(isZipExport("csv", "workspace")).toBe(true);

    const brat = exportDocument(sourceOf(batches.slice(0, 1)), {
      format: "brat",
      scope: { kind: "article", article: batches[0].article },
      links,
      url,
    });
    expect(brat.fileName.endsWith(".zip")).toBe(true);
    const entries = await unzipText(await bytes(brat.body));
    expect(entries.map((e) => e.name)).toEqual([
      "afghan-resistance-mulls-formation-of-government-in-exile-art_seed.txt",
      "afghan-resistance-mulls-formation-of-government-in-exile-art_seed.ann",
      "annotation.conf",
    ]);
    expect(entries[0].text).toBe(batches[0].article.text);

    const ws = exportDocument(sourceOf(batches), {
      format: "html",
      scope: { kind: "workspace", name: "Research desk" },
      links,
      url,
      created: new Date("2026-11-25T10:00:00Z"),
    });
    expect(ws.fileName).toBe("research-desk-html-2026-11-25.zip");
    const reports = await unzipText(await bytes(ws.body));
    expect(reports).toHaveLength(2);
    expect(reports[1].text).toContain("<!doctype html>");
  });
});
