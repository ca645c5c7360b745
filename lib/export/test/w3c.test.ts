import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { collectText, sourceOf, type ExportBatch } from "../types";
import { W3C_CONTEXT, w3cAnnotations, w3cCollectionFiles, type W3CAnnotation, type W3CTarget } from "../w3c";
import { formatW3CItems } from "../w3c-items";
import { allBatches, links } from "./fixtures";

const REPO = path.resolve(__dirname, "../../..");
/** The independent conformance kit, beside the repository (../shared). */
const VALIDATOR = path.resolve(REPO, "../shared/conformance/w3c-annotation-model/validate.mjs");

const dir = mkdtempSync(path.join(tmpdir(), "w3c-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exportFiles(batches: ExportBatch[], pageSize?: number) {
  const files: Array<{ name: string; json: Record<string, unknown> }> = [];
  for await (const file of w3cCollectionFiles(sourceOf(batches), {
    links,
    collectionId: "http://localhost:3000/api/workspaces/ws_1/export?format=w3c",
    label: "Test export",
    pageSize,
    created: new Date("2026-11-25T10:00:00Z"),
  })) {
    const text = await collectText(file.content);
    files.push({ name: file.name, json: JSON.parse(text) as Record<string, unknown> });
  }
  return files;
}

async function validate(files: Array<{ name: string; json: unknown }>) {
  const paths = files.map((f) => {
    const p = path.join(dir, `${Math.random().toString(36).slice(2)}-${f.name}`);
    writeFileSync(p, JSON.stringify(f.json));
    return p;
  });
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [VALIDATOR, ...paths], { cwd: REPO });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: `${e.stdout}\n${e.stderr}` };
  }
}

const items = (page: Record<string, unknown>) => page.items as W3CAnnotation[];
const cpSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join("");

describe("W3C Web Annotation export", () => {
  it("writes the same bytes when its batches are formatted as on the server's worker thread", async () => {
    const batches = await allBatches();
    const files = async (formatBatch?: Parameters<typeof w3cCollectionFiles>[1]["formatBatch"], pageSize?: number) => {
      const out: string[] = [];
      for await (const file of w3cCollectionFiles(sourceOf(batches), {
        links,
        collectionId: "http://localhost:3000/api/workspaces/ws_1/export?format=w3c",
        label: "Test export",
        pageSize,
        created: new Date("2026-11-25T10:00:00Z"),
        formatBatch,
      })) {
        out.push(`${file.name}\n${await collectText(file.content)}`);
      }
      return out;
    };
    // What crosses to the worker: a structured clone without the article's relations; the links rebuilt there.
    const offThread = async (
      article: ExportBatch["article"],
      annotations: readonly ExportBatch["annotations"][number][],
    ) =>
      structuredClone(
        formatW3CItems(
          structuredClone({
            baseUrl: "http://localhost:3000/",
            workspaceId: "ws_1",
            article: { ...article, relations: undefined },
            annotations,
          }),
        ),
      );
    for (const pageSize of [undefined, 3]) {
      const expected = await files(undefined, pageSize);
      expect(expected.join("")).toContain('"motivation":"replying"');
      expect(await files(offThread, pageSize)).toEqual(expected);
    }
  });

  it("passes the conformance kit with 0 failures, one page and many", async () => {
    const batches = await allBatches();
    for (const pageSize of [undefined, 3]) {
      const files = await exportFiles(batches, pageSize);
      const result = await validate(files);
      expect(result.stdout).toMatch(/\b[1-9]\d* passed, 0 failed\b/);
      expect(result.stdout).not.toMatch(/FAIL/);
      expect(result.code).toBe(0);
    }
  });

  it("TextPositionSelector counts code points and slices the revision text to the quote", async () => {
    const batches = await allBatches();
    const [file] = await exportFiles(batches);
    const first = file.json.first as Record<string, unknown>;
    const texts = new Map(batches.map((b) => [links.revisionText(b.article), b.article.text]));
    let checked = 0;
    for (const anno of items(first)) {
      if (typeof anno.target === "string") continue;
      const target = anno.target as W3CTarget;
      const text = texts.get(target.source);
      expect(text).toBeDefined();
      const quote = target.selector.find((s) => s.type === "TextQuoteSelector");
      const position = target.selector.find((s) => s.type === "TextPositionSelector");
      expect(quote).toBeDefined();
      if (anno.anchorState === "orphaned") {
        expect(position).toBeUndefined();
        continue;
      }
      expect(cpSlice(text!, position!.start, position!.end)).toBe(quote!.exact);
      checked++;
    }
    const expected = batches.flatMap((b) => b.annotations).filter((a) => a.anchorState !== "ORPHANED").length;
    expect(checked).toBe(expected);
  });

  it("keeps the n-th occurrence of a repeated sentence on the n-th occurrence", async () => {
    const batches = await allBatches();
    const seed = batches[0];
    const [file] = await exportFiles([seed]);
    const sentence = "The Taliban are deeply unpopular among Afghans, especially in the cities.";
    const targets = items(file.json.first as Record<string, unknown>)
      .map((a) => a.target)
      .filter((t): t is W3CTarget => typeof t !== "string")
      .filter((t) => t.selector.some((s) => s.type === "TextQuoteSelector" && s.exact === sentence));
    expect(targets).toHaveLength(2);
    const starts = targets.map((t) => t.selector.find((s) => s.type === "TextPositionSelector")!.start);
    const expected = [
      ...seed.article.text.matchAll(new RegExp(sentence.replace(/[.]/g, "\\.").replace(/,/g, ","), "g")),
    ].map((m) => Array.from(seed.article.text.slice(0, m.index)).length);
    expect(starts).toEqual(expected);
    // Prefixes differ, so a quote matcher can tell them apart too.
    const prefixes = targets.map((t) => t.selector.find((s) => s.type === "TextQuoteSelector")!);
    expect(new Set(prefixes.map((p) => "prefix" in p && p.prefix)).size).toBe(2);
  });

  it("writes entities as identifying, classifying and tagging bodies, threads as commenting and replying", async () => {
    const batches = await allBatches();
    const seed = batches[0];
    const threaded = seed.annotations.find((a) => a.comments.length === 3)!;
    const [main, root, ...replies] = w3cAnnotations(seed.article, threaded, links);
    expect(main.motivation).toBe("tagging");
    expect(main.body).toEqual([
      { type: "SpecificResource", purpose: "identifying", source: links.entity(threaded.entity!) },
      { type: "SpecificResource", purpose: "identifying", source: "https://example.org/people/massoud" },
      { type: "TextualBody", purpose: "classifying", value: "Person", format: "text/plain" },
      { type: "TextualBody", purpose: "tagging", value: "Ahmad Massoud", format: "text/plain" },
    ]);
    expect(main.creator).toEqual({ id: links.user("u_alice"), type: "Person", name: "Alice O'Brien" });
    expect(main.created).toBe(threaded.createdAt.toISOString());
    expect(main.modified).toBe(threaded.updatedAt.toISOString());
    expect(main.reviewStatus).toBe("proposed");
    expect(root).toMatchObject({ motivation: "commenting", target: main.id, id: links.comment("c_1") });
    expect(root.body?.[0]).toMatchObject({ purpose: "commenting", value: threaded.comments[0].text });
    for (const reply of replies) expect(reply).toMatchObject({ motivation: "replying", target: root.id });

    const taliban = seed.annotations.find((a) => a.entity?.externalId === "Q42834")!;
    const [tag] = w3cAnnotations(seed.article, taliban, links);
    expect(tag.body).toContainEqual({
      type: "SpecificResource",
      purpose: "identifying",
      source: "http://www.wikidata.org/entity/Q42834",
    });

    const rejected = seed.annotations.find((a) => a.status === "REJECTED")!;
    const [r] = w3cAnnotations(seed.article, rejected, links);
    expect(r).toMatchObject({
      reviewStatus: "rejected",
      reviewer: links.user("u_bob"),
      reviewed: rejected.reviewedAt!.toISOString(),
      rejectionReason: "Duplicate,\nsee the first",
      motivation: "commenting",
    });
    expect(r.body).toEqual([
      { type: "TextualBody", purpose: "commenting", value: rejected.note, format: "text/plain" },
    ]);
  });

  it("pages link up: partOf, startIndex, prev and next; the collection counts them", async () => {
    const batches = await allBatches();
    const files = await exportFiles(batches, 4);
    expect(files.length).toBeGreaterThan(2);
    const collection = files[0].json;
    expect(collection["@context"]).toEqual(W3C_CONTEXT);
    expect(collection.type).toBe("AnnotationCollection");
    const pages = [collection.first as Record<string, unknown>, ...files.slice(1).map((f) => f.json)];
    let seen = 0;
    pages.forEach((page, i) => {
      expect(page.partOf).toBe(collection.id);
      expect(page.startIndex).toBe(seen);
      seen += items(page).length;
      expect(page.prev).toBe(i === 0 ? undefined : pages[i - 1].id);
      expect(page.next).toBe(i === pages.length - 1 ? undefined : pages[i + 1].id);
    });
    const total = batches.flatMap((b) => b.annotations).reduce((n, a) => n + 1 + a.comments.length, 0);
    expect(seen).toBe(total);
    // A thread is never split across pages.
    for (const page of pages) {
      const ids = new Set(items(page).map((a) => a.id));
      for (const a of items(page)) if (typeof a.target === "string") expect(ids.has(a.target)).toBe(true);
    }
  });

  it("fills each page with whole threads up to its size, in order, at every page size", async () => {
    const batches = await allBatches();
    const flat = (files: Array<{ json: Record<string, unknown> }>) => [
      ...items(files[0].json.first as Record<string, unknown>),
      ...files.slice(1).flatMap((f) => items(f.json)),
    ];
    const all = flat(await exportFiles(batches));
    // A comment targets its annotation, a reply the comment it answers: the thread is the annotation's.
    const targetOf = new Map(all.map((a) => [a.id, typeof a.target === "string" ? a.target : null]));
    const root = (id: string): string => {
      const target = targetOf.get(id);
      return target ? root(target) : id;
    };
    const threadOf = new Map(all.map((a) => [a.id, root(a.id)]));
    for (let pageSize = 1; pageSize <= 9; pageSize++) {
      const files = await exportFiles(batches, pageSize);
      expect(flat(files)).toEqual(all);
      const pages = [files[0].json.first as Record<string, unknown>, ...files.slice(1).map((f) => f.json)];
      pages.forEach((page, i) => {
        const threads = new Set(items(page).map((a) => threadOf.get(a.id)));
        // Over the size only with a single thread; under it only when the next thread would not fit.
        if (items(page).length > pageSize) expect(threads.size).toBe(1);
        const following = pages[i + 1] ? items(pages[i + 1]) : [];
        if (following.length) {
          const nextThread = threadOf.get(following[0].id);
          const nextSize = following.filter((a) => threadOf.get(a.id) === nextThread).length;
          expect(items(page).length + nextSize).toBeGreaterThan(pageSize);
        }
      });
    }
  });
});
