import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { unzipText } from "@/lib/export/test/unzip";
import type { W3CAnnotation, W3CTarget } from "@/lib/export/w3c";
import { SEES_EVERYTHING } from "@/lib/server/assignments/visible-authors";
import { exportRows } from "@/lib/server/exports/export-rows";
import { callRoute } from "@/test/call-route";
import {
  entityTypeId,
  makeAnnotation,
  makeArticle,
  makeComment,
  makeEntity,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const seed = readFileSync(path.resolve(__dirname, "../../../shared/articles/afghan-resistance-2021.txt"), "utf8")
  .replace(/\r\n?/g, "\n")
  .trimEnd();
const REPEATED = "The Taliban are deeply unpopular among Afghans, especially in the cities.";
const articleExport = "api/workspaces/[workspaceId]/articles/[articleId]/export/route.ts";
const workspaceExport = "api/workspaces/[workspaceId]/export/route.ts";
const revisionText = "api/workspaces/[workspaceId]/articles/[articleId]/revisions/[number]/text/route.ts";

let owner: TestUser;
let viewer: TestUser;
let outsider: TestUser;
let workspaceId: string;
let articleId: string;
let emojiArticleId: string;
let ids: { first: string; second: string; taliban: string; emoji: string; deleted: string };

async function at(articleId: string, quote: string, nth = 0) {
  const { currentRevision } = await db.article.findUniqueOrThrow({
    where: { id: articleId },
    select: { currentRevision: { select: { text: true } } },
  });
  let start = -1;
  for (let i = 0; i <= nth; i++) start = currentRevision!.text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`no ${quote}`);
  return { start, length: quote.length };
}

beforeAll(async () => {
  owner = await makeUser({ name: 'Owner, "Olga"' });
  viewer = await makeUser({ name: "Viewer" });
  outsider = await makeUser();
  workspaceId = await makeWorkspace(
    [
      { user: owner, role: "OWNER" },
      { user: viewer, role: "VIEWER" },
    ],
    "Export desk",
  );
  articleId = await makeArticle(workspaceId, owner.id, { text: seed });
  emojiArticleId = await makeArticle(workspaceId, owner.id, { text: "Title 🇦🇫\n\nThe family 👩‍👩‍👧 met 😀 in Kabul." });
  const taliban = await makeEntity(workspaceId, { name: "Taliban", type: "Organization" });
  await db.entity.update({ where: { id: taliban }, data: { externalId: "Q42834" } });
  ids = {
    first: await makeAnnotation(workspaceId, articleId, owner.id, await at(articleId, REPEATED, 0)),
    second: await makeAnnotation(workspaceId, articleId, viewer.id, await at(articleId, REPEATED, 1)),
    taliban: await makeAnnotation(workspaceId, articleId, owner.id, {
      ...(await at(articleId, "Taliban", 2)),
      entityId: taliban,
    }),
    emoji: await makeAnnotation(workspaceId, emojiArticleId, owner.id, await at(emojiArticleId, "👩‍👩‍👧 met 😀 in Kabul")),
    deleted: await makeAnnotation(workspaceId, articleId, owner.id, {
      ...(await at(articleId, "Afghan")),
      deleted: true,
    }),
  };
  await db.annotation.update({
    where: { id: ids.first },
    data: { status: "ACCEPTED", reviewedAt: new Date(), reviewedById: owner.id },
  });
  await db.annotation.update({
    where: { id: ids.second },
    data: {
      status: "REJECTED",
      reviewedAt: new Date(),
      reviewedById: owner.id,
      rejectionReason: 'Duplicate, see "first"',
    },
  });
  await makeComment(workspaceId, viewer.id, { annotationId: ids.first, text: 'Why,\n"this"?' });
  await makeComment(workspaceId, owner.id, { annotationId: ids.first, text: "Because." });
  await makeComment(workspaceId, owner.id, { annotationId: ids.first, text: "Deleted.", deleted: true });
});

async function get(file: string, params: Record<string, string>, search: string, user: TestUser | null = viewer) {
  return callRoute({ file, method: "GET", params, search, cookie: user ? await sessionCookie(user) : undefined });
}

const buffer = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe("GET …/articles/[articleId]/export", () => {
  it("W3C JSON-LD: a collection whose positions slice the source (fetched from its URL) to the quote, threads included", async () => {
    const res = await get(articleExport, { workspaceId, articleId }, "?format=w3c");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/ld+json");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="[a-z0-9-]+\.jsonld"; filename\*=UTF-8''/,
    );
    const json = JSON.parse((await buffer(res)).toString("utf8"));
    const items = json.first.items as W3CAnnotation[];
    expect(json.total).toBe(items.length);
    const tags = items.filter((a) => typeof a.target !== "string");
    expect(tags).toHaveLength(3); // the deleted annotation is not exported
    expect(items.filter((a) => a.motivation === "commenting")).toHaveLength(1);
    expect(items.filter((a) => a.motivation === "replying")).toHaveLength(1);
    for (const a of tags) {
      const target = a.target as W3CTarget;
      // The source is a URL of this app: fetch it as a client would.
      const url = new URL(target.source);
      const [, , , ws, , art, , number] = url.pathname.split("/");
      const text = await (await get(revisionText, { workspaceId: ws, articleId: art, number }, "")).text();
      const quote = target.selector.find((s) => s.type === "TextQuoteSelector")!;
      const pos = target.selector.find((s) => s.type === "TextPositionSelector")!;
      expect(Array.from(text).slice(pos.start, pos.end).join("")).toBe(quote.exact);
    }
    const byId = new Map(tags.map((a) => [a.id.split("/").pop(), a]));
    expect(byId.get(ids.second)).toMatchObject({ reviewStatus: "rejected", rejectionReason: 'Duplicate, see "first"' });
    expect(byId.get(ids.first)!.reviewStatus).toBe("accepted");
    expect(byId.get(ids.taliban)!.body).toContainEqual({
      type: "SpecificResource",
      purpose: "identifying",
      source: "http://www.wikidata.org/entity/Q42834",
    });
  });

  it("filters by status, author, entity type and date", async () => {
    const quotes = async (search: string) => {
      const res = await get(articleExport, { workspaceId, articleId }, `?format=csv&${search}`);
      expect(res.status).toBe(200);
      const rows = parse((await buffer(res)).toString("utf8"), { bom: true, columns: true }) as Array<
        Record<string, string>
      >;
      return rows.map((r) => r.annotation_id).sort();
    };
    expect(await quotes("status=ACCEPTED")).toEqual([ids.first]);
    expect(await quotes(`authorId=${viewer.id}`)).toEqual([ids.second]);
    expect(await quotes(`entityTypeId=${await entityTypeId(workspaceId, "Organization")}`)).toEqual([ids.taliban]);
    expect(await quotes("from=2000-01-01&to=2000-01-02")).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await quotes(`from=${today}&to=${today}`)).toEqual([ids.first, ids.second, ids.taliban].sort());
  });

  it("CSV rows carry the thread, the review and code-point offsets", async () => {
    const res = await get(articleExport, { workspaceId, articleId: emojiArticleId }, "?format=csv");
    expect(res.headers.get("content-type")).toContain("text/csv");
    const [row] = parse((await buffer(res)).toString("utf8"), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    expect(row.quote).toBe("👩‍👩‍👧 met 😀 in Kabul");
    const text = "Title 🇦🇫\n\nThe family 👩‍👩‍👧 met 😀 in Kabul.";
    expect(Array.from(text).slice(Number(row.start), Number(row.end)).join("")).toBe(row.quote);

    const seedRes = await get(articleExport, { workspaceId, articleId }, "?format=csv&status=ACCEPTED");
    const [accepted] = parse((await buffer(seedRes)).toString("utf8"), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    expect(accepted.thread_size).toBe("2");
    expect(accepted.comments).toBe(`Viewer: Why,\n"this"?\n\nOwner, "Olga": Because.`);
    expect(accepted.reviewed_by).toBe('Owner, "Olga"');
  });

  it("brat comes as a zip whose .ann offsets slice the .txt", async () => {
    const res = await get(articleExport, { workspaceId, articleId: emojiArticleId }, "?format=brat");
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toContain(".zip");
    const entries = await unzipText(await buffer(res));
    const txt = entries.find((e) => e.name.endsWith(".txt"))!.text;
    const ann = entries.find((e) => e.name.endsWith(".ann"))!.text;
    const [, offsets, quote] = ann.split("\n")[0].split("\t");
    const [, s, e] = offsets.split(" ").map(Number);
    expect(Array.from(txt).slice(s, e).join("")).toBe(quote);
    expect(quote).toBe("👩‍👩‍👧 met 😀 in Kabul");
  });

  it("answers 404 to non-members and for unknown articles, 401 when signed out, 400 for a bad format", async () => {
    expect((await get(articleExport, { workspaceId, articleId }, "?format=w3c", outsider)).status).toBe(404);
    expect((await get(articleExport, { workspaceId, articleId }, "?format=w3c", null)).status).toBe(401);
    expect((await get(articleExport, { workspaceId, articleId: "nope" }, "?format=w3c")).status).toBe(404);
    const bad = await get(articleExport, { workspaceId, articleId }, "?format=pdf");
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect((await bad.json()).error.message).toBeTruthy();
    const badDate = await get(workspaceExport, { workspaceId }, "?format=csv&from=2026-02-30x");
    expect(badDate.status).toBeGreaterThanOrEqual(400);
    expect(badDate.status).toBeLessThan(500);
  });
});

describe("GET …/export (workspace)", () => {
  it("a zip of the format's files across articles", async () => {
    const res = await get(workspaceExport, { workspaceId }, "?format=jsonl");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/filename="export-desk-jsonl-\d{4}-\d{2}-\d{2}\.zip"/);
    const [file] = await unzipText(await buffer(res));
    const lines = file.text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { text: string; label: [number, number, string][] });
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      for (const [s, e] of line.label) expect(Array.from(line.text).slice(s, e).join("")).toMatch(/Taliban|👩/);
    }
  });

  it("W3C pages and their validator-ready files", async () => {
    const res = await get(workspaceExport, { workspaceId }, "?format=w3c");
    const entries = await unzipText(await buffer(res));
    expect(entries[0].name).toBe("annotations.jsonld");
    const collection = JSON.parse(entries[0].text);
    expect(collection.total).toBe(6); // 4 annotations, 2 visible comments
  });
});

describe("exportRows", () => {
  it("pages through an article without loading it at once, in reading order", async () => {
    const batches = [];
    for await (const batch of exportRows({
      workspaceId,
      filters: { articleId },
      visibility: SEES_EVERYTHING,
      pageSize: 1,
    }))
      batches.push(batch);
    expect(batches.map((b) => b.annotations.length)).toEqual([1, 1, 1]);
    const starts = batches.flatMap((b) => b.annotations.map((a) => a.start));
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    expect(new Set(batches.map((b) => b.article))).toHaveProperty("size", 1);
  });

  it("never exports another workspace's rows", async () => {
    const other = await makeWorkspace([{ user: outsider, role: "OWNER" }]);
    const otherArticle = await makeArticle(other, outsider.id);
    await makeAnnotation(other, otherArticle, outsider.id);
    const rows = [];
    for await (const batch of exportRows({
      workspaceId,
      filters: { articleId: otherArticle },
      visibility: SEES_EVERYTHING,
    }))
      rows.push(batch);
    expect(rows).toEqual([]);
  });
});

describe("blind annotation", () => {
  it("a member annotating an article blind exports only their own annotations there, everyone's elsewhere", async () => {
    const analyst = await makeUser({ name: "Blind analyst" });
    await db.membership.create({ data: { id: `m_${analyst.id}`, workspaceId, userId: analyst.id, role: "ANALYST" } });
    await db.assignment.create({
      data: {
        id: `as_${analyst.id}`,
        workspaceId,
        articleId,
        assigneeId: analyst.id,
        assignedById: owner.id,
        blind: true,
      },
    });
    const own = await makeAnnotation(workspaceId, articleId, analyst.id, await at(articleId, "Taliban", 4));
    const ids = async (file: string, params: Record<string, string>) => {
      const res = await get(file, params, "?format=csv", analyst);
      expect(res.status).toBe(200);
      const bytes = await buffer(res);
      const text = file === workspaceExport ? (await unzipText(bytes))[0].text : bytes.toString("utf8");
      const rows = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
      return rows.map((r) => `${r.article_id}:${r.annotation_id}`);
    };
    expect(await ids(articleExport, { workspaceId, articleId })).toEqual([`${articleId}:${own}`]);
    const all = await ids(workspaceExport, { workspaceId });
    expect(all.filter((r) => r.startsWith(`${articleId}:`))).toEqual([`${articleId}:${own}`]);
    expect(all.filter((r) => r.startsWith(`${emojiArticleId}:`))).toHaveLength(1);
    // The W3C total follows the same rule.
    const w3c = JSON.parse(
      (await buffer(await get(articleExport, { workspaceId, articleId }, "?format=w3c", analyst))).toString("utf8"),
    );
    expect(w3c.total).toBe(1);
    expect(w3c.first.items).toHaveLength(1);
  });
});

describe("NER exports: untagged highlights and words", () => {
  it("leave untagged highlights out unless labelled, widen a span inside a word, and report both", async () => {
    const nerArticle = await makeArticle(workspaceId, owner.id, { text: "Help came from abroad.\n\nKabul waited." });
    const place = await makeEntity(workspaceId, { name: "Abroad", type: "Place" });
    await makeAnnotation(workspaceId, nerArticle, owner.id, { ...(await at(nerArticle, "broad")), entityId: place });
    await makeAnnotation(workspaceId, nerArticle, owner.id, await at(nerArticle, "Kabul"));
    const cookie = await sessionCookie(owner);
    const get = async (query: string) => {
      const res = await callRoute({
        file: articleExport,
        method: "GET",
        params: { workspaceId, articleId: nerArticle },
        cookie,
        search: `?${query}`,
      });
      expect(res.status, query).toBe(200);
      return res;
    };

    const conll = await (await get("format=conll")).text();
    expect(conll).toContain("abroad B-Place\n");
    expect(conll).not.toMatch(/^broad /m);
    expect(conll).toContain("Kabul O\n");
    expect((await (await get("format=jsonl")).json()).label).toHaveLength(1);
    expect(await (await get("format=conll&report=1")).json()).toEqual({
      data: { exported: 1, untaggedLeftOut: 1, widenedToWords: 1 },
    });

    expect(await (await get("format=conll&untaggedLabel=MISC")).text()).toContain("Kabul B-MISC\n");
    const spacy = JSON.parse(await (await get("format=spacy&untaggedLabel=MISC")).text());
    expect(spacy[0].ents.map((e: { label: string }) => e.label)).toEqual(["Place", "MISC"]);
    expect(await (await get("format=jsonl&untaggedLabel=MISC&report=1")).json()).toEqual({
      data: { exported: 2, untaggedLeftOut: 0, widenedToWords: 0 },
    });
  });
});
