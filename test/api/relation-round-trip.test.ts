// Relations through the exchange formats: export brat and W3C, import each
// into a copy of the article, export again — the relations come back with
// their types, direction and notes, and the W3C export passes the shared
// conformance kit.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import ExcelJS from "exceljs";
import { unzipText } from "@/lib/export/test/unzip";
import { parse } from "csv-parse/sync";
import { RELATION_COLUMNS, TABLE_COLUMNS } from "@/lib/export/table";
import { createWorkspace } from "@/lib/server/workspaces/create-workspace";
import { callRoute } from "@/test/call-route";
import { currentRevision, makeArticle, makeUser, sessionCookie, type TestUser } from "@/test/factories";

const R = {
  relations: "api/workspaces/[workspaceId]/articles/[articleId]/relations/route.ts",
  annotations: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts",
  export: "api/workspaces/[workspaceId]/articles/[articleId]/export/route.ts",
  import: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/import/route.ts",
  types: "api/workspaces/[workspaceId]/relation-types/route.ts",
};

const REPO = path.resolve(__dirname, "../..");
const VALIDATOR = path.resolve(REPO, "../shared/conformance/w3c-annotation-model/validate.mjs");
const dir = mkdtempSync(path.join(tmpdir(), "relation-round-trip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXT =
  "Ahmad Massoud leads the National Resistance Front from Panjshir.\n\n" +
  "Amrullah Saleh met Ahmad Massoud in Dushanbe 🇹🇯.\n\n" +
  "The front said it would keep fighting.";

let owner: TestUser;
let workspaceId: string;
let articleId: string;
let types: Record<string, string>;

async function annotate(target: string, quote: string, typeName: string | null, nth = 0) {
  const revision = await currentRevision(target);
  let start = -1;
  for (let i = 0; i <= nth; i++) start = revision.text.indexOf(quote, start + 1);
  const entityId = typeName
    ? (
        await db.entity.create({
          data: {
            id: newId(),
            workspaceId,
            name: quote,
            aliases: [],
            typeId: (await db.entityType.findFirstOrThrow({ where: { workspaceId, name: typeName } })).id,
          },
        })
      ).id
    : null;
  const res = await callRoute({
    file: R.annotations,
    method: "POST",
    params: { workspaceId, articleId: target },
    cookie: await sessionCookie(owner),
    json: { revisionId: revision.id, start, end: start + quote.length, exact: quote, entityId },
  });
  expect(res.status).toBe(201);
  return (await res.json()).data.id as string;
}

async function link(sourceId: string, targetId: string, type: string, note?: string) {
  const res = await callRoute({
    file: R.relations,
    method: "POST",
    params: { workspaceId, articleId },
    cookie: await sessionCookie(owner),
    json: { sourceId, targetId, typeId: types[type], note },
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function exportArticle(
  id: string,
  format: "brat" | "w3c" | "jsonl" | "spacy" | "xlsx" | "html" | "csv" | "csv-relations",
  filters = "",
) {
  const res = await callRoute({
    file: R.export,
    method: "GET",
    params: { workspaceId, articleId: id },
    search: `?format=${format}${filters}`,
    cookie: await sessionCookie(owner),
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function importInto(id: string, body: Buffer | string, contentType: string, search: string) {
  const res = await callRoute({
    file: R.import,
    method: "POST",
    params: { workspaceId, articleId: id },
    cookie: await sessionCookie(owner),
    ...(typeof body === "string"
      ? { json: JSON.parse(body) }
      : { body: new Uint8Array(body), headers: { "content-type": contentType } }),
    search,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).data as { relations: number };
}

/** The article's relations as quotes and types, independent of ids. */
async function relationsOf(id: string) {
  const rows = await db.relation.findMany({
    where: { articleId: id, deletedAt: null },
    select: {
      note: true,
      type: { select: { name: true, directed: true } },
      source: { select: { exact: true, start: true } },
      target: { select: { exact: true, start: true } },
    },
  });
  return rows
    .map((r) => ({
      type: r.type.name,
      directed: r.type.directed,
      from: `${r.source.exact}@${r.source.start}`,
      to: `${r.target.exact}@${r.target.start}`,
      note: r.note,
    }))
    .sort((a, b) => a.from.localeCompare(b.from) || a.type.localeCompare(b.type));
}

beforeAll(async () => {
  owner = await makeUser({ name: "Round Owner" });
  ({ id: workspaceId } = await createWorkspace({ userId: owner.id, name: "Round trips" }));
  types = Object.fromEntries((await db.relationType.findMany({ where: { workspaceId } })).map((t) => [t.name, t.id]));
  articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
  const massoud = await annotate(articleId, "Ahmad Massoud", "Person");
  const front = await annotate(articleId, "National Resistance Front", "Organization");
  const saleh = await annotate(articleId, "Amrullah Saleh", "Person");
  const massoud2 = await annotate(articleId, "Ahmad Massoud", "Person", 1);
  const dushanbe = await annotate(articleId, "Dushanbe 🇹🇯", "Location");
  const quote = await annotate(articleId, "it would keep fighting", null);
  const theFront = await annotate(articleId, "The front", "Organization");
  await link(massoud, front, "leads", "Line one;\tstill line one.");
  await link(saleh, massoud2, "met with");
  await link(saleh, dushanbe, "located in");
  await link(massoud2, massoud, "same as");
  await link(saleh, quote, "said");
  await link(theFront, front, "same as");
});

describe("brat", () => {
  it("writes R and * lines and the relation types in annotation.conf", async () => {
    const files = await unzipText(await exportArticle(articleId, "brat"));
    const ann = files.find((f) => f.name.endsWith(".ann"))!.text;
    const conf = files.find((f) => f.name === "annotation.conf")!.text;
    const t = (quote: string, nth = 0) => {
      const lines = ann.split("\n").filter((l) => /^T\d+\t/.test(l) && l.split("\t")[2] === quote);
      return lines[nth].split("\t")[0];
    };
    const lines = ann.split("\n");
    expect(lines).toContain(`R1\tleads Arg1:${t("Ahmad Massoud")} Arg2:${t("National Resistance Front")}`);
    expect(lines).toContain(`*\tmet_with ${t("Amrullah Saleh")} ${t("Ahmad Massoud", 1)}`);
    expect(lines).toContain(`*\tsame_as ${t("Ahmad Massoud", 1)} ${t("Ahmad Massoud")}`);
    expect(lines).toContain(`R2\tlocated_in Arg1:${t("Amrullah Saleh")} Arg2:${t("Dushanbe 🇹🇯")}`);
    expect(lines).toContain(`R3\tsaid Arg1:${t("Amrullah Saleh")} Arg2:${t("it would keep fighting")}`);
    expect(lines.some((l) => /^#\d+\tAnnotatorNotes R1\tLine one; still line one\.$/.test(l))).toBe(true);
    const relationsSection = conf.split("[relations]")[1].split("[events]")[0];
    expect(relationsSection).toContain("leads\tArg1:Person, Arg2:Organization\n");
    expect(relationsSection).toContain("met_with\tArg1:Person, Arg2:Person, <REL-TYPE>:symmetric-transitive\n");
    expect(relationsSection).toContain("said\tArg1:Person, Arg2:<ENTITY>\n");
    expect(relationsSection).toContain("same_as\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive\n");
    expect(conf.split("[relations]")[0]).toContain("Location");
  });

  it("imports into a copy of the article with types, direction and notes, and exports the same lines again", async () => {
    const zip = await exportArticle(articleId, "brat");
    const copy = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const report = await importInto(copy, zip, "application/zip", "?filename=export.zip");
    expect(report.relations).toBe(6);
    const before = await relationsOf(articleId);
    const after = await relationsOf(copy);
    // A brat note is one line: tabs and line breaks become spaces (and a symmetric `*` relation has no
    // note; none of those has one here).
    expect(after).toEqual(before.map((r) => ({ ...r, note: r.note && r.note.replace(/[\t\n]+/g, " ") })));

    const again = await unzipText(await exportArticle(copy, "brat"));
    const first = await unzipText(zip);
    const lines = (files: typeof first) =>
      files
        .find((f) => f.name.endsWith(".ann"))!
        .text.split("\n")
        .filter((l) => /^(R\d+|\*)\t/.test(l) || /AnnotatorNotes R/.test(l));
    expect(lines(again)).toEqual(lines(first));
  });
});

describe("W3C", () => {
  it("writes relations as linking annotations that pass the shared validator", async () => {
    const json = JSON.parse((await exportArticle(articleId, "w3c")).toString("utf8"));
    const items = json.first.items as Array<Record<string, unknown>>;
    const linking = items.filter((i) => i.motivation === "linking");
    expect(linking).toHaveLength(6);
    const byId = new Map(items.map((i) => [i.id, i]));
    const leads = linking.find((l) => (l.body as Array<{ value: string }>)[0].value === "leads")!;
    expect(leads).toMatchObject({
      type: "Annotation",
      directed: true,
      inverseLabel: "led by",
      reviewStatus: "proposed",
      body: [
        { type: "TextualBody", purpose: "classifying", value: "leads", format: "text/plain" },
        { type: "TextualBody", purpose: "commenting", value: "Line one;\tstill line one.", format: "text/plain" },
      ],
    });
    expect(leads.target).toEqual([leads.relationSource, leads.relationTarget]);
    const quoteOf = (iri: unknown) =>
      ((byId.get(iri) as { target: { selector: Array<{ exact?: string }> } }).target.selector[0].exact as string) ?? "";
    expect(quoteOf(leads.relationSource)).toBe("Ahmad Massoud");
    expect(quoteOf(leads.relationTarget)).toBe("National Resistance Front");
    expect(linking.find((l) => (l.body as Array<{ value: string }>)[0].value === "met with")).toMatchObject({
      directed: false,
    });
    expect(json.total).toBe(items.length);

    const file = path.join(dir, "export.jsonld");
    writeFileSync(file, JSON.stringify(json));
    let stdout = "";
    let code = 0;
    try {
      ({ stdout } = await promisify(execFile)(process.execPath, [VALIDATOR, file], { cwd: REPO }));
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      code = e.code;
      stdout = `${e.stdout}\n${e.stderr}`;
    }
    expect(stdout).toMatch(/\b[1-9]\d* passed, 0 failed\b/);
    expect(code).toBe(0);
  });

  it("imports into a copy of the article with types, direction, notes and statuses; export → import → export is lossless", async () => {
    const exported = (await exportArticle(articleId, "w3c")).toString("utf8");
    const copy = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const report = await importInto(copy, exported, "application/ld+json", "?format=w3c");
    expect(report.relations).toBe(6);
    expect(await relationsOf(copy)).toEqual(await relationsOf(articleId));

    const linkingOf = async (id: string) => {
      const json = JSON.parse((await exportArticle(id, "w3c")).toString("utf8"));
      const items = json.first.items as Array<Record<string, unknown>>;
      const quotes = new Map(
        items
          .filter((i) => i.motivation !== "linking")
          .map((i) => {
            const selector = (i.target as { selector: Array<{ type: string; exact?: string; start?: number }> })
              .selector;
            const position = selector.find((s) => s.type === "TextPositionSelector")?.start;
            return [i.id, `${selector[0].exact}@${position}`];
          }),
      );
      return items
        .filter((i) => i.motivation === "linking")
        .map(({ id: _id, created: _c, modified: _m, target: _t, relationSource, relationTarget, ...rest }) => ({
          ...rest,
          from: quotes.get(relationSource),
          to: quotes.get(relationTarget),
        }))
        .sort(
          (a, b) => String(a.from).localeCompare(String(b.from)) || JSON.stringify(a).localeCompare(JSON.stringify(b)),
        );
    };
    expect(await linkingOf(copy)).toEqual(await linkingOf(articleId));
  });

  it("creates a relation type the workspace lacks, and leaves out a relation its type refuses", async () => {
    const json = JSON.parse((await exportArticle(articleId, "w3c")).toString("utf8"));
    const items = json.first.items as Array<Record<string, unknown> & { body: Array<{ value: string }> }>;
    for (const item of items) {
      if (item.motivation !== "linking") continue;
      if (item.body[0].value === "met with") item.body[0].value = "negotiated with";
      // Saleh → Dushanbe as "leads": a Location is no Organization.
      if (item.body[0].value === "located in") item.body[0].value = "leads";
    }
    const copy = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const res = await callRoute({
      file: R.import,
      method: "POST",
      params: { workspaceId, articleId: copy },
      cookie: await sessionCookie(owner),
      json,
      search: "?format=w3c",
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const report = (await res.json()).data;
    expect(report.relations).toBe(5);
    expect(report.skipped.map((s: { message: string }) => s.message)).toContainEqual(
      expect.stringContaining("“leads” relation whose ends the type does not allow"),
    );
    const created = await db.relationType.findFirst({ where: { workspaceId, name: "negotiated with" } });
    expect(created).toMatchObject({ directed: false, sourceTypeIds: [], targetTypeIds: [] });
  });
});

describe("doccano and spaCy", () => {
  it("doccano lines carry entities with ids and relations between them", async () => {
    const line = JSON.parse((await exportArticle(articleId, "jsonl")).toString("utf8").trim());
    const cp = (start: number, end: number) =>
      Array.from(line.text as string)
        .slice(start, end)
        .join("");
    const byId = new Map<number, { label: string; start_offset: number; end_offset: number }>(
      line.entities.map((e: { id: number }) => [e.id, e]),
    );
    const described = line.relations.map((r: { from_id: number; to_id: number; type: string }) => {
      const from = byId.get(r.from_id)!;
      const to = byId.get(r.to_id)!;
      return `${cp(from.start_offset, from.end_offset)} ${r.type} ${cp(to.start_offset, to.end_offset)}`;
    });
    // The untagged quote is not an entity here, so its "said" relation is left out.
    expect(described.sort()).toEqual(
      [
        "Ahmad Massoud leads National Resistance Front",
        "Amrullah Saleh met with Ahmad Massoud",
        "Amrullah Saleh located in Dushanbe 🇹🇯",
        "Ahmad Massoud same as Ahmad Massoud",
        "The front same as National Resistance Front",
      ].sort(),
    );
    expect(line.meta.relationIds).toHaveLength(5);
  });

  it("spaCy docs carry user_data.relations by character offsets", async () => {
    const [doc] = JSON.parse((await exportArticle(articleId, "spacy")).toString("utf8"));
    const cp = (o: { start: number; end: number }) =>
      Array.from(doc.text as string)
        .slice(o.start, o.end)
        .join("");
    const described = doc.user_data.relations.map(
      (r: { source: { start: number; end: number }; target: { start: number; end: number }; label: string }) =>
        `${cp(r.source)} ${r.label} ${cp(r.target)}`,
    );
    expect(described).toContain("Ahmad Massoud leads National Resistance Front");
    expect(doc.user_data.relations.find((r: { label: string }) => r.label === "met with").directed).toBe(false);
  });
});

describe("CSV", () => {
  const records = (csv: Buffer) =>
    parse(csv.toString("utf8"), { bom: true, columns: true, record_delimiter: "\r\n" }) as Array<
      Record<string, string>
    >;

  it("the relations file goes with the annotations file: ids, quotes, type, direction, status, author, note", async () => {
    const annotations = records(await exportArticle(articleId, "csv"));
    const relationsCsv = await exportArticle(articleId, "csv-relations");
    expect(relationsCsv.toString("utf8").startsWith("\uFEFF")).toBe(true);
    const relations = records(relationsCsv);
    expect(Object.keys(annotations[0])).toEqual([...TABLE_COLUMNS]);
    expect(Object.keys(relations[0])).toEqual([...RELATION_COLUMNS]);
    expect(relations).toHaveLength(6);
    const quoteOf = new Map(annotations.map((a) => [a.annotation_id, a.quote]));
    for (const r of relations) {
      // Every end is a row of the annotations file, with the same quote.
      expect(quoteOf.get(r.source_id)).toBe(r.source_quote);
      expect(quoteOf.get(r.target_id)).toBe(r.target_quote);
      expect(r.article_id).toBe(articleId);
      expect(r.author).toBe("Round Owner");
      expect(r.status).toBe("proposed");
    }
    const leads = relations.find((r) => r.type === "leads")!;
    expect([leads.source_quote, leads.target_quote, leads.direction]).toEqual([
      "Ahmad Massoud",
      "National Resistance Front",
      "directed",
    ]);
    // The note keeps its tab; the relation id is the API's.
    expect(leads.note).toBe("Line one;\tstill line one.");
    const ids = (await db.relation.findMany({ where: { articleId, deletedAt: null }, select: { id: true } })).map(
      (r) => r.id,
    );
    expect(relations.map((r) => r.relation_id).sort()).toEqual(ids.sort());
    expect(relations.find((r) => r.type === "met with")!.direction).toBe("symmetric");
  });

  it("takes the annotations file's filters: a relation with an end filtered out is left out", async () => {
    const person = await db.entityType.findFirstOrThrow({ where: { workspaceId, name: "Person" } });
    const annotations = records(await exportArticle(articleId, "csv", `&entityTypeId=${person.id}`));
    const relations = records(await exportArticle(articleId, "csv-relations", `&entityTypeId=${person.id}`));
    const kept = new Set(annotations.map((a) => a.annotation_id));
    // Only Person → Person relations have both ends among Person annotations.
    expect(relations.map((r) => `${r.source_quote} ${r.type} ${r.target_quote}`).sort()).toEqual([
      "Ahmad Massoud same as Ahmad Massoud",
      "Amrullah Saleh met with Ahmad Massoud",
    ]);
    for (const r of relations) expect(kept.has(r.source_id) && kept.has(r.target_id)).toBe(true);
  });

  it("is named after the article, next to the annotations file", async () => {
    const res = await callRoute({
      file: R.export,
      method: "GET",
      params: { workspaceId, articleId },
      search: "?format=csv-relations",
      cookie: await sessionCookie(owner),
    });
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/-relations\.csv/);
  });
});

describe("XLSX and HTML report", () => {
  it("the workbook has a Relations sheet with both ends' quotes", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportArticle(articleId, "xlsx")) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Relations")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...RELATION_COLUMNS]);
    const rows = Array.from({ length: sheet.actualRowCount - 1 }, (_, i) => {
      const row = sheet.getRow(i + 2);
      const cell = (c: (typeof RELATION_COLUMNS)[number]) => row.getCell(RELATION_COLUMNS.indexOf(c) + 1).value;
      return `${cell("source_quote")} ${cell("type")} ${cell("target_quote")} (${cell("direction")})`;
    });
    expect(rows).toHaveLength(6);
    expect(rows).toContain("Ahmad Massoud leads National Resistance Front (directed)");
    expect(rows).toContain("Amrullah Saleh met with Ahmad Massoud (symmetric)");
  });

  it("the HTML report lists each passage's relations under it, both ways", async () => {
    const html = (await exportArticle(articleId, "html")).toString("utf8");
    expect(html).toContain("leads → “National Resistance Front”");
    expect(html).toContain("← led by “Ahmad Massoud”");
    expect(html).toContain("said → “it would keep fighting”");
  });
});
