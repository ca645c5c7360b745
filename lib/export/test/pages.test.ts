// Articles imported from a PDF: every export says which page an annotation starts on.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { bratFiles } from "../brat";
import { csvExport } from "../csv";
import { doccanoExport } from "../doccano";
import { collectText, sourceOf, type ExportArticle, type ExportBatch } from "../types";
import { w3cCollectionFiles, type W3CAnnotation, type W3CTarget } from "../w3c";
import { annotate, links } from "./fixtures";

const REPO = path.resolve(__dirname, "../../..");
const VALIDATOR = path.resolve(REPO, "../shared/conformance/w3c-annotation-model/validate.mjs");
const dir = mkdtempSync(path.join(tmpdir(), "pages-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXT =
  "Annual Water Report\n\nThe reservoir held more water.\n\nThe dam was inspected and its spillway in March.";
const article: ExportArticle = {
  id: "art_pdf",
  workspaceId: "ws_1",
  title: "Annual Water Report",
  source: null,
  originalUrl: null,
  language: "en",
  revisionId: "art_pdf_r1",
  revisionNumber: 1,
  text: TEXT,
  // Page 2 begins inside the last paragraph, at "spillway".
  pages: [
    { page: 1, start: 0 },
    { page: 2, start: TEXT.indexOf("spillway") },
  ],
};
const at = (quote: string) => [TEXT.indexOf(quote), TEXT.indexOf(quote) + quote.length] as const;
const batch: ExportBatch = {
  article,
  annotations: [
    annotate(article, ...at("reservoir")),
    // Across the page break: starts on page 1.
    annotate(article, ...at("inspected and its spillway")),
    annotate(article, ...at("March")),
    annotate(article, ...at("Annual"), { anchorState: "ORPHANED", revisionId: "old" }),
  ].sort((a, b) => a.start - b.start),
};

describe("exports of an article imported from a PDF", () => {
  it("CSV has each annotation's page, empty for an orphan", async () => {
    const csv = await collectText(csvExport(sourceOf([batch])));
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    const columns = header.split(",");
    const page = columns.indexOf("page");
    const quote = columns.indexOf("quote");
    expect(page).toBeGreaterThan(0);
    expect(Object.fromEntries(rows.map((row) => [row.split(",")[quote], row.split(",")[page]]))).toEqual({
      Annual: "",
      reservoir: "1",
      "inspected and its spillway": "1",
      March: "2",
    });
  });

  it("W3C adds an RFC 3778 page FragmentSelector refined by the quote, and passes the conformance kit", async () => {
    const files: Array<{ name: string; json: Record<string, unknown> }> = [];
    for await (const file of w3cCollectionFiles(sourceOf([batch]), {
      links,
      collectionId: "http://localhost:3000/api/workspaces/ws_1/export?format=w3c",
      label: "PDF export",
      created: new Date("2026-12-07T10:00:00Z"),
    })) {
      files.push({ name: file.name, json: JSON.parse(await collectText(file.content)) });
    }
    const annotations = (files[0].json.first as { items: W3CAnnotation[] }).items;
    const march = annotations.find((a) =>
      (a.target as W3CTarget).selector.some((s) => "exact" in s && s.exact === "March"),
    );
    expect((march!.target as W3CTarget).selector).toContainEqual({
      type: "FragmentSelector",
      conformsTo: "http://tools.ietf.org/rfc/rfc3778",
      value: "page=2",
      refinedBy: expect.objectContaining({ type: "TextQuoteSelector", exact: "March" }),
    });
    const orphan = annotations.find((a) =>
      (a.target as W3CTarget).selector.some((s) => "exact" in s && s.exact === "Annual"),
    );
    expect((orphan!.target as W3CTarget).selector.map((s) => s.type)).toEqual(["TextQuoteSelector"]);

    const paths = files.map((f) => {
      const p = path.join(dir, f.name);
      writeFileSync(p, JSON.stringify(f.json));
      return p;
    });
    const { stdout } = await promisify(execFile)(process.execPath, [VALIDATOR, ...paths], { cwd: REPO });
    expect(stdout).toMatch(/\b[1-9]\d* passed, 0 failed\b/);
  });

  it("doccano lists each label's page in its metadata", async () => {
    const line = JSON.parse(await collectText(doccanoExport(sourceOf([batch]), { untaggedLabel: "Highlight" })));
    expect(line.meta.pages).toEqual([1, 1, 2]);
  });

  it("brat notes each span's page", async () => {
    const files = new Map<string, string>();
    for await (const file of bratFiles(sourceOf([batch]))) files.set(file.name, await collectText(file.content));
    const ann = [...files].find(([name]) => name.endsWith(".ann"))![1];
    const notes = ann.split("\n").filter((line) => line.includes("AnnotatorNotes"));
    expect(notes.map((line) => line.split("\t").slice(1))).toEqual([
      ["AnnotatorNotes T1", "page 1"],
      ["AnnotatorNotes T2", "page 1"],
      ["AnnotatorNotes T3", "page 2"],
    ]);
  });
});
