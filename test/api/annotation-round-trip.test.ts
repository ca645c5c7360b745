// Round trip: export a workspace as W3C Web Annotation → import it into an empty
// workspace (a copy of each article, then its annotations) → export again:
// equal except ids and timestamps.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { unzipText } from "@/lib/export/test/unzip";
import { canonicalText } from "@/lib/anchoring";
import { contentFromPlainText } from "@/lib/content/plain-text";
import type { Prisma } from "@/lib/generated/prisma/client";
import { callRoute } from "@/test/call-route";
import { makeComment, makeUser, makeWorkspace, sessionCookie, type TestUser } from "@/test/factories";

const workspaceExport = "api/workspaces/[workspaceId]/export/route.ts";
const importRoute = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/import/route.ts";

const TEXTS = {
  first:
    "Ahmad Massoud met officials.\n\nThe convoy left at dawn. Nobody spoke. The convoy left at dawn.\n\nThey reached Dushanbe 🇹🇯 by night.",
  second: "Family 👩‍👩‍👧 reunions in Kabul and Herat.\n\nHerat was quiet; Kabul was not.",
};

/** An article with `text` and a fixed title (exports order articles by id, so titles name them). */
async function article(workspaceId: string, authorId: string, title: string, text: string): Promise<string> {
  const content = contentFromPlainText(text);
  const articleId = newId();
  const revisionId = newId();
  await db.article.create({ data: { id: articleId, workspaceId, title, authors: [], importedById: authorId } });
  await db.articleRevision.create({
    data: {
      id: revisionId,
      workspaceId,
      articleId,
      number: 1,
      content: content as Prisma.InputJsonValue,
      text: canonicalText(content),
      authorId,
    },
  });
  await db.article.update({ where: { id: articleId }, data: { currentRevisionId: revisionId } });
  return articleId;
}

async function highlight(
  workspaceId: string,
  articleId: string,
  authorId: string,
  quote: string,
  options: {
    nth?: number;
    entityId?: string;
    note?: string;
    data?: Partial<Prisma.AnnotationUncheckedCreateInput>;
  } = {},
): Promise<string> {
  const { currentRevision } = await db.article.findUniqueOrThrow({
    where: { id: articleId },
    select: { currentRevision: { select: { id: true, text: true } } },
  });
  const text = currentRevision!.text;
  let start = -1;
  for (let i = 0; i <= (options.nth ?? 0); i++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`no ${quote}`);
  const end = start + quote.length;
  const row = await db.annotation.create({
    data: {
      id: newId(),
      workspaceId,
      articleId,
      revisionId: currentRevision!.id,
      authorId,
      start,
      end,
      exact: quote,
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(end, end + 32),
      entityId: options.entityId ?? null,
      note: options.note ?? null,
      ...options.data,
    },
    select: { id: true },
  });
  return row.id;
}

async function entity(workspaceId: string, type: string, name: string, externalId: string | null = null) {
  const existing = await db.entityType.findFirst({ where: { workspaceId, name: type }, select: { id: true } });
  const typeId =
    existing?.id ??
    (await db.entityType.create({ data: { id: newId(), workspaceId, name: type, color: "#2f55d4" } })).id;
  return (await db.entity.create({ data: { id: newId(), workspaceId, typeId, name, aliases: [], externalId } })).id;
}

async function exportWorkspace(workspaceId: string, user: TestUser) {
  const res = await callRoute({
    file: workspaceExport,
    method: "GET",
    params: { workspaceId },
    search: "?format=w3c",
    cookie: await sessionCookie(user),
  });
  expect(res.status).toBe(200);
  const zip = Buffer.from(await res.arrayBuffer());
  return { zip, files: (await unzipText(zip)).filter((f) => f.name.endsWith(".jsonld")) };
}

type Json = unknown;

/** Every W3C annotation of an export's files, in order. */
function itemsOf(files: { text: string }[]): Record<string, unknown>[] {
  return files.flatMap(({ text }) => {
    const json = JSON.parse(text);
    const page = json.type === "AnnotationCollection" ? json.first : json;
    return page.items as Record<string, unknown>[];
  });
}

/**
 * An export with its ids and timestamps taken out: `created`, `modified`,
 * `reviewed` dropped; workspace ids → <ws>; article ids → the article's
 * title; annotation, comment and entity ids → numbered by first appearance
 * (so "the same entity" still compares); users are the same people on both
 * sides and keep their ids.
 */
function normalize(items: Record<string, unknown>[], workspaceId: string, titles: Map<string, string>) {
  const numbering = new Map<string, string>();
  const number = (kind: string, id: string) => {
    const key = `${kind}/${id}`;
    if (!numbering.has(key))
      numbering.set(key, `${kind}-${[...numbering.keys()].filter((k) => k.startsWith(`${kind}/`)).length + 1}`);
    return numbering.get(key)!;
  };
  const url = (s: string) =>
    s
      .replaceAll(workspaceId, "<ws>")
      .replace(/\/articles\/([^/?#]+)/g, (_, id: string) => `/articles/${titles.get(id) ?? id}`)
      .replace(
        /\/(annotations|comments|entities)\/([^/?#]+)/g,
        (_, kind: string, id: string) => `/${kind}/${number(kind, id)}`,
      );
  const walk = (value: Json): Json => {
    if (typeof value === "string") return url(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => !["created", "modified", "reviewed"].includes(key))
          .map(([key, v]) => [key, walk(v)]),
      );
    }
    return value;
  };
  // Exports order articles by id: compare article by article, in title order.
  const byArticle = new Map<string, Json[]>();
  let current = "";
  for (const item of items) {
    const target = item.target as { source?: string } | string;
    if (typeof target === "object" && target.source) current = url(target.source);
    byArticle.set(current, [...(byArticle.get(current) ?? []), item]);
  }
  return [...byArticle.keys()].sort().map((key) => [key, byArticle.get(key)!.map(walk)]);
}

describe("W3C round trip", () => {
  it("export a workspace → import into an empty workspace → export again: equal except ids and timestamps", async () => {
    const owner = await makeUser({ name: "Owner" });
    const analyst = await makeUser({ name: "Analyst" });
    const members = [
      { user: owner, role: "OWNER" as const },
      { user: analyst, role: "ANALYST" as const },
    ];
    const source = await makeWorkspace(members, "Round trip desk");
    const first = await article(source, owner.id, "First", TEXTS.first);
    const second = await article(source, owner.id, "Second", TEXTS.second);

    const massoud = await entity(source, "Person", "Ahmad Massoud", "Q312297");
    const dushanbe = await entity(source, "Place", "Dushanbe", "https://www.geonames.org/1221874");
    const kabul = await entity(source, "Place", "Kabul");
    // Reviewed by the owner, not its author: self-review is not allowed in these workspaces.
    await highlight(source, first, analyst.id, "Ahmad Massoud", {
      entityId: massoud,
      data: { status: "ACCEPTED", reviewedById: owner.id, reviewedAt: new Date() },
    });
    // The second of two equal sentences, with a note and a thread.
    const convoy = await highlight(source, first, analyst.id, "The convoy left at dawn.", {
      nth: 1,
      note: "Same words as the first sentence.",
    });
    await makeComment(source, analyst.id, { annotationId: convoy, text: "Is this a quote?" });
    await makeComment(source, owner.id, { annotationId: convoy, text: "Yes:\nfrom the wire." });
    await makeComment(source, analyst.id, { annotationId: convoy, text: "Thanks." });
    await highlight(source, first, analyst.id, "Dushanbe 🇹🇯", {
      entityId: dushanbe,
      data: { status: "REJECTED", reviewedById: owner.id, reviewedAt: new Date(), rejectionReason: "Too wide" },
    });
    await highlight(source, second, owner.id, "👩‍👩‍👧 reunions");
    await highlight(source, second, owner.id, "Kabul", { entityId: kabul });
    await highlight(source, second, analyst.id, "Kabul", { nth: 1, entityId: kabul, data: { anchorState: "MOVED" } });
    // An orphan: its quote is gone from the text; exports keep only its quote.
    await db.annotation.create({
      data: {
        id: newId(),
        workspaceId: source,
        articleId: second,
        revisionId: (await db.article.findUniqueOrThrow({ where: { id: second } })).currentRevisionId!,
        authorId: analyst.id,
        start: 0,
        end: 0,
        exact: "Mazar-i-Sharif",
        prefix: "reunions in Kabul, ",
        suffix: " and Herat",
        anchorState: "ORPHANED",
      },
    });

    const { zip, files: exported } = await exportWorkspace(source, owner);

    // The empty workspace: the same people, a copy of each article, no entity types.
    const target = await makeWorkspace(members, "Round trip desk");
    const copies = {
      first: await article(target, owner.id, "First", TEXTS.first),
      second: await article(target, owner.id, "Second", TEXTS.second),
    };
    const titles = new Map([
      [first, "First"],
      [second, "Second"],
      [copies.first, "First"],
      [copies.second, "Second"],
    ]);
    // The export's zip as it is; each article's annotations are picked out by their source (the text they were made on).
    for (const [original, copy] of [
      [first, copies.first],
      [second, copies.second],
    ]) {
      const sourceUrl = itemsOf(exported)
        .map((a) => (a.target as { source?: string }).source)
        .find((s) => s?.includes(`/articles/${original}/`))!;
      const res = await callRoute({
        file: importRoute,
        method: "POST",
        params: { workspaceId: target, articleId: copy },
        cookie: await sessionCookie(owner),
        body: zip,
        headers: { "content-type": "application/zip" },
        search: `?keepOrphans=1&source=${encodeURIComponent(sourceUrl)}`,
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }

    const { files: again } = await exportWorkspace(target, owner);
    const before = normalize(itemsOf(exported), source, titles);
    const after = normalize(itemsOf(again), target, titles);
    expect(after).toEqual(before);
    // Not vacuous: every kind of thing made it through.
    const flat = JSON.stringify(before);
    for (const needle of [
      "Q312297",
      "geonames",
      "Too wide",
      "accepted",
      "moved",
      "orphaned",
      "from the wire",
      "replying",
    ]) {
      expect(flat).toContain(needle);
    }
    expect(itemsOf(again)).toHaveLength(itemsOf(exported).length);
  });
});
