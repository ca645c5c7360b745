// Search (issue 14): what GET …/search and …/search/suggest find, in which
// languages, with which query syntax, and that they never answer 500.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { contentFromPlainText } from "@/lib/content/plain-text";
import { createApiToken } from "@/lib/server/api-tokens/create-api-token";
import { reviseArticle } from "@/lib/server/articles/revise-article";
import type { SearchResponse } from "@/lib/validations/search";
import { callRoute } from "@/test/call-route";
import {
  currentRevision,
  makeAnnotation,
  makeArticle,
  makeComment,
  makeEntity,
  makeUser,
  relationTypeId,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const SEARCH = "api/workspaces/[workspaceId]/search/route.ts";
const SUGGEST = "api/workspaces/[workspaceId]/search/suggest/route.ts";

const TEXT = [
  "Ahmad Massoud met Amrullah Saleh in Panjshir to discuss the negotiated settlement.",
  "Later, in Kābul, the NEGOTIATIONS stalled. 😀 Ahmad Massoud left alone.",
  "هذا كِتَاب عن المقاومة في بنجشير.",
  "阿富汗人在喀布尔谈判，塔利班拒绝了。",
].join("\n\n");

let owner: TestUser;
let analyst: TestUser;
let workspaceId: string;
let articleId: string;
let massoudId: string;
let annotationId: string;
let cookie: string;

async function search(q: string, extra = "", user: TestUser = owner) {
  const res = await callRoute({
    file: SEARCH,
    method: "GET",
    params: { workspaceId },
    cookie: user === owner ? cookie : await sessionCookie(user),
    search: `?q=${encodeURIComponent(q)}${extra}`,
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as SearchResponse;
}

const marked = (r: { snippet: string; highlights: [number, number][] }) =>
  r.highlights.map(([s, e]) => r.snippet.slice(s, e));

beforeAll(async () => {
  owner = await makeUser({ name: "Ada Owner" });
  analyst = await makeUser({ name: "Zed Analyst" });
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
  ]);
  cookie = await sessionCookie(owner);
  articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
  await db.article.update({ where: { id: articleId }, data: { title: "Panjshir valley report" } });
  massoudId = await makeEntity(workspaceId, { name: "Ahmad Massoud", aliases: ["Massoud Jr."] });
  await db.entity.update({ where: { id: massoudId }, data: { description: "Leader of the resistance front" } });
  const { text } = await currentRevision(articleId);
  const start = text.indexOf("Ahmad Massoud");
  annotationId = await makeAnnotation(workspaceId, articleId, analyst.id, { start, length: 13, entityId: massoudId });
  await db.annotation.update({ where: { id: annotationId }, data: { note: "the younger commander" } });
  await makeComment(workspaceId, owner.id, { annotationId, text: "Check his father's biography." });
});

describe("GET /search", () => {
  it("finds passages with English stems, accents and case folded, with offsets into the canonical text", async () => {
    const { text } = await currentRevision(articleId);
    const body = await search("negotiations kabul");
    const passages = body.data.filter((r) => r.kind === "passage");
    expect(passages).toHaveLength(1);
    const [hit] = passages;
    expect(marked(hit)).toEqual(["Kābul", "NEGOTIATIONS"]);
    expect(hit.articleId).toBe(articleId);
    expect(text.slice(hit.range![0], hit.range![1])).toBe("Kābul");
    // "negotiations" also finds "negotiated" in the first paragraph.
    expect((await search("negotiations")).data.filter((r) => r.kind === "passage")).toHaveLength(2);
  });

  it("finds Arabic without diacritics and Chinese words inside a sentence", async () => {
    const arabic = await search("كتاب");
    expect(arabic.data.map((r) => r.kind)).toContain("passage");
    expect(marked(arabic.data.find((r) => r.kind === "passage")!)).toEqual(["كِتَاب"]);
    for (const word of ["喀布尔", "谈判", "塔利班", "阿富汗人"]) {
      const chinese = await search(word);
      const hit = chinese.data.find((r) => r.kind === "passage");
      expect(hit, word).toBeDefined();
      expect(marked(hit!), word).toEqual([word]);
    }
    expect((await search("汗喀")).data).toHaveLength(0);
  });

  it("finds Arabic words with and without the definite article (and its proclitics)", async () => {
    // The text has "كِتَاب" (no article) and "المقاومة" (with it).
    for (const [query, word] of [
      ["الكتاب", "كِتَاب"],
      ["بالكتاب", "كِتَاب"],
      ["مقاومة", "المقاومة"],
      ["والمقاومة", "المقاومة"],
      ["للمقاومة", "المقاومة"],
    ]) {
      const hit = (await search(query)).data.find((r) => r.kind === "passage");
      expect(hit, query).toBeDefined();
      expect(marked(hit!), query).toEqual([word]);
    }
    // A word that merely begins with the letters of the article is not cut.
    expect((await search("له")).data.filter((r) => r.kind === "passage")).toHaveLength(0);
  });

  it("finds annotations by quote, note, entity and author; comments; entities by alias and description; titles", async () => {
    const note = await search("younger");
    expect(note.data.map((r) => [r.kind, r.id])).toEqual([["annotation", annotationId]]);
    expect(note.data[0].entityName).toBe("Ahmad Massoud");
    const { version } = await db.annotation.findUniqueOrThrow({
      where: { id: annotationId },
      select: { version: true },
    });
    expect(note.data[0].version).toBe(version);
    expect((await search("Zed")).data.map((r) => r.kind)).toEqual(["annotation"]);
    expect((await search("biography")).data.map((r) => [r.kind, r.annotationId])).toEqual([["comment", annotationId]]);
    expect((await search("resistance front")).data.map((r) => [r.kind, r.id])).toEqual([["entity", massoudId]]);
    expect((await search('"Massoud Jr"')).data.map((r) => r.kind)).toEqual(["entity"]);
    expect((await search("valley report")).data.map((r) => [r.kind, r.id])).toEqual([["article", articleId]]);
  });

  it("finds annotations and comments by their author's new name after a rename, and no longer by the old one", async () => {
    await db.user.update({ where: { id: owner.id }, data: { name: "Quillon Owner" } });
    await db.user.update({ where: { id: analyst.id }, data: { name: "Yusra Analyst" } });
    try {
      expect((await search("Yusra")).data.map((r) => [r.kind, r.id])).toEqual([["annotation", annotationId]]);
      expect((await search("Zed")).total).toBe(0);
      expect((await search("Quillon")).data.map((r) => [r.kind, r.annotationId])).toEqual([["comment", annotationId]]);
    } finally {
      await db.user.update({ where: { id: owner.id }, data: { name: "Ada Owner" } });
      await db.user.update({ where: { id: analyst.id }, data: { name: "Zed Analyst" } });
    }
    expect((await search("Zed")).data.map((r) => r.kind)).toEqual(["annotation"]);
  });

  it("takes phrases, OR, exclusions and filters, and counts per kind and facet", async () => {
    const massoud = await search("Massoud");
    expect(massoud.facets.kind).toEqual({ passage: 2, annotation: 1, entity: 1 });
    expect(massoud.total).toBe(4);
    const filtered = await search('entity:"Ahmad Massoud" -Saleh');
    expect(filtered.facets.kind).toEqual({ passage: 1, annotation: 1, comment: 1, entity: 1 });
    expect(filtered.facets.entity).toEqual([{ id: massoudId, label: "Ahmad Massoud", count: 3 }]);
    expect((await search('"Massoud left"')).facets.kind).toEqual({ passage: 1 });
    expect((await search("Saleh OR biography")).facets.kind).toEqual({ passage: 1, comment: 1 });
    expect((await search("Massoud status:proposed author:zed")).facets.kind).toEqual({ annotation: 1 });
    expect((await search("Massoud status:accepted")).total).toBe(0);
    expect((await search("Massoud type:person")).facets.kind).toEqual({ annotation: 1, entity: 1 });
    expect((await search("Massoud kind:entity")).data.map((r) => r.kind)).toEqual(["entity"]);
    expect((await search("Massoud before:2000-01-01")).total).toBe(0);
    expect((await search("Massoud after:2000-01-01")).total).toBe(4);
    const onlyPassages = await search("Massoud", "&kind=passage");
    expect(onlyPassages.data.map((r) => r.kind)).toEqual(["passage", "passage"]);
    expect(onlyPassages.facets.kind.annotation).toBe(1);
  });

  it("takes exclusions alone: everything the viewer may see but their matches", async () => {
    const everything = await search("-qqqqzz");
    const saleh = await search("Saleh");
    expect(saleh.total).toBeGreaterThan(0);
    const withoutSaleh = await search("-Saleh");
    expect(withoutSaleh.total).toBe(everything.total - saleh.total);
    for (const [kind, count] of Object.entries(everything.facets.kind)) {
      expect(withoutSaleh.facets.kind[kind] ?? 0).toBe(count - (saleh.facets.kind[kind] ?? 0));
    }
    expect(withoutSaleh.data.some((r) => r.snippet.includes("Saleh"))).toBe(false);
    const either = await search("Saleh OR Massoud");
    expect((await search("-Saleh -Massoud")).total).toBe(everything.total - either.total);
    expect((await search("-Saleh kind:passage")).total).toBe(
      (everything.facets.kind.passage ?? 0) - (saleh.facets.kind.passage ?? 0),
    );
    // A stop word matches nothing, so excluding it excludes nothing.
    expect((await search("-the")).total).toBe(everything.total);
    // All ranked alike, newest first: the pages hold every match once.
    const pages: SearchResponse["data"] = [];
    let cursor = "";
    do {
      const page = await search("-Saleh", `&limit=4${cursor}`);
      pages.push(...page.data);
      cursor = page.nextCursor ? `&cursor=${page.nextCursor}` : "";
    } while (cursor);
    expect(pages).toHaveLength(withoutSaleh.total);
    expect(new Set(pages.map((r) => r.kind + r.id)).size).toBe(withoutSaleh.total);
    const dates = pages.map((r) => r.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("pages with nextCursor", async () => {
    const first = await search("Massoud", "&limit=3");
    expect(first.data).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await search("Massoud", `&limit=3&cursor=${first.nextCursor}`);
    expect(second.data).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.data, ...second.data].map((r) => r.kind + r.id)).size).toBe(4);
  });

  it("counts every facet exactly: kind, entity type, entity, author, status, article and year", async () => {
    // A workspace of its own, so that the counts below are all of it.
    const other = await makeWorkspace([
      { user: owner, role: "OWNER" },
      { user: analyst, role: "ANALYST" },
    ]);
    const text = "Quokka herds crossed the Wombat river near Quokka island.\n\nQuokka scouts watched the Wombat ford.";
    const first = await makeArticle(other, owner.id, { text });
    const second = await makeArticle(other, analyst.id, { text });
    const person = await makeEntity(other, { name: "Quokka Chief", type: "person" });
    const place = await makeEntity(other, { name: "Wombat Ford", type: "location" });
    const annotations = [
      await makeAnnotation(other, first, owner.id, { entityId: person }),
      await makeAnnotation(other, first, analyst.id, { entityId: place }),
      await makeAnnotation(other, second, analyst.id, { entityId: person }),
      await makeAnnotation(other, second, owner.id),
    ];
    await db.annotation.update({ where: { id: annotations[1] }, data: { status: "ACCEPTED" } });
    await db.annotation.update({ where: { id: annotations[2] }, data: { status: "REJECTED" } });
    await makeComment(other, owner.id, { annotationId: annotations[2], text: "Quokka or not?" });
    await makeComment(other, analyst.id, { annotationId: annotations[0], text: "A wombat, surely." });

    const find = async (q: string, extra = "") => {
      const res = await callRoute({
        file: SEARCH,
        method: "GET",
        params: { workspaceId: other },
        cookie,
        search: `?q=${encodeURIComponent(q)}&limit=100${extra}`,
      });
      expect(res.status).toBe(200);
      return (await res.json()) as SearchResponse;
    };
    const tally = (values: (string | undefined)[]) => {
      const counts: Record<string, number> = {};
      for (const v of values) if (v !== undefined) counts[v] = (counts[v] ?? 0) + 1;
      return counts;
    };
    const asCounts = (rows: { id: string; label: string; count: number }[], by: "id" | "label" = "id") =>
      Object.fromEntries(rows.map((r) => [r[by], r.count]));
    for (const q of ["-zzzqqq", "quokka", "wombat OR quokka", "quokka status:accepted OR wombat"]) {
      const body = await find(q);
      expect(body.nextCursor, q).toBeNull();
      const results = body.data;
      const annotated = results.filter((r) => r.kind === "annotation" || r.kind === "comment");
      expect(body.facets.kind, q).toEqual(tally(results.map((r) => r.kind)));
      expect(asCounts(body.facets.entityType), q).toEqual(tally(results.map((r) => r.entityTypeId)));
      expect(asCounts(body.facets.entity), q).toEqual(tally(results.map((r) => r.entityId)));
      expect(asCounts(body.facets.author, "label"), q).toEqual(tally(annotated.map((r) => r.authorName)));
      expect(asCounts(body.facets.status), q).toEqual(
        tally(results.filter((r) => r.kind === "annotation").map((r) => r.status)),
      );
      expect(asCounts(body.facets.article), q).toEqual(tally(results.map((r) => r.articleId)));
      expect(asCounts(body.facets.date), q).toEqual(tally(results.map((r) => r.date.slice(0, 4))));
      expect(body.total, q).toBe(results.length);
    }
    const everything = await find("-zzzqqq");
    expect(everything.facets.status.map((s) => [s.id, s.label, s.count])).toEqual([
      ["ACCEPTED", "Accepted", 1],
      ["PROPOSED", "Proposed", 2],
      ["REJECTED", "Rejected", 1],
    ]);
    expect(everything.facets.kind.annotation).toBe(4);
    expect(everything.facets.kind.comment).toBe(2);
  });

  it("suggests the entity name for a misspelled one", async () => {
    const body = await search("Masood");
    expect(body.didYouMean).toBe("massoud");
    const res = await callRoute({ file: SUGGEST, method: "GET", params: { workspaceId }, cookie, search: "?q=Masood" });
    const suggest = (await res.json()) as { data: { kind: string; id: string }[]; didYouMean: string | null };
    expect(suggest.didYouMean).toBe("massoud");
    expect(suggest.data).toContainEqual(expect.objectContaining({ kind: "entity", id: massoudId }));
  });

  it("lists the hits of closely spelled names below the exact ones, as similar, on the first page only", async () => {
    const body = await search("Masood");
    expect(body.data).toEqual([]);
    expect(body.total).toBe(0);
    const kinds = body.similar.map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(["passage", "annotation", "entity"]));
    const passage = body.similar.find((r) => r.kind === "passage")!;
    expect(marked(passage)).toContain("Massoud");
    expect(body.similar.find((r) => r.kind === "entity")!.id).toBe(massoudId);
    // With the kind narrowed, only that kind; an exact hit is never also listed as similar.
    expect((await search("Masood", "&kind=entity")).similar.map((r) => r.kind)).toEqual(["entity"]);
    const mixed = await search("Masood OR negotiations");
    const exact = new Set(mixed.data.map((r) => r.kind + r.id));
    expect(mixed.data.length).toBeGreaterThan(0);
    expect(mixed.similar.length).toBeGreaterThan(0);
    for (const r of mixed.similar) expect(exact.has(r.kind + r.id)).toBe(false);
    expect((await search("Massoud")).similar).toEqual([]);
  });

  it("says when every word is too common to search for", async () => {
    for (const q of ["the", "The of", '"the"']) {
      const body = await search(q);
      expect(body.data, q).toEqual([]);
      expect(body.tooCommon.length, q).toBeGreaterThan(0);
    }
    expect((await search("the")).tooCommon).toEqual(["the"]);
    expect((await search("the Massoud")).tooCommon).toEqual([]);
    expect((await search("zzzqqq")).tooCommon).toEqual([]);
  });

  it("suggests entities, articles, members, annotations and passages for the palette", async () => {
    const res = await callRoute({
      file: SUGGEST,
      method: "GET",
      params: { workspaceId },
      cookie,
      search: "?q=Massoud",
    });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { kind: string; id: string; range?: [number, number] }[] };
    expect(data.filter((d) => d.kind === "entity").map((d) => d.id)).toEqual([massoudId]);
    expect(data.filter((d) => d.kind === "passage")).toHaveLength(2);
    expect(data.filter((d) => d.kind === "annotation").map((d) => d.id)).toEqual([annotationId]);
    const members = await callRoute({
      file: SUGGEST,
      method: "GET",
      params: { workspaceId },
      cookie,
      search: "?q=zed",
    });
    expect(((await members.json()) as { data: { kind: string; id: string }[] }).data).toContainEqual(
      expect.objectContaining({ kind: "member", id: analyst.id }),
    );
  });

  it("answers the palette's names and hits apart when asked (part=names, part=hits), the same items as together", async () => {
    const suggest = async (search: string) => {
      const res = await callRoute({ file: SUGGEST, method: "GET", params: { workspaceId }, cookie, search });
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: { kind: string; id: string }[]; didYouMean: string | null }).data;
    };
    const both = await suggest("?q=Massoud");
    const names = await suggest("?q=Massoud&part=names");
    const hits = await suggest("?q=Massoud&part=hits");
    expect(new Set(names.map((d) => d.kind))).toEqual(new Set(["entity"]));
    expect(new Set(hits.map((d) => d.kind))).toEqual(new Set(["annotation", "passage"]));
    expect([...names, ...hits].map((d) => `${d.kind}:${d.id}`).sort()).toEqual(
      both.map((d) => `${d.kind}:${d.id}`).sort(),
    );
    const bad = await callRoute({
      file: SUGGEST,
      method: "GET",
      params: { workspaceId },
      cookie,
      search: "?q=x&part=all",
    });
    expect(bad.status).toBe(400);
  });

  it("never finds deleted articles, deleted annotations or hidden comments, and follows new revisions", async () => {
    const other = await makeArticle(workspaceId, owner.id, { text: "Zanzibar harbour.\n\nNothing else." });
    expect((await search("zanzibar")).total).toBe(1);
    const ann = await makeAnnotation(workspaceId, other, owner.id, { start: 0, length: 8 });
    const { commentId } = await makeComment(workspaceId, owner.id, { annotationId: ann, text: "Quokka sighting" });
    expect((await search("quokka")).total).toBe(1);
    await db.comment.update({ where: { id: commentId }, data: { hiddenAt: new Date() } });
    expect((await search("quokka")).total).toBe(0);
    await db.comment.update({ where: { id: commentId }, data: { hiddenAt: null } });
    await db.annotation.update({ where: { id: ann }, data: { deletedAt: new Date() } });
    expect((await search("zanzibar")).facets.kind).toEqual({ passage: 1 });
    expect((await search("quokka")).total).toBe(0);
    await db.annotation.update({ where: { id: ann }, data: { deletedAt: null } });
    expect((await search("zanzibar")).facets.kind).toEqual({ passage: 1, annotation: 1 });
    // Restored with its annotation, and found by the annotation's entity (which the comment follows).
    expect((await search("quokka")).total).toBe(1);
    await db.annotation.update({ where: { id: ann }, data: { entityId: massoudId } });
    expect((await search('quokka entity:"Ahmad Massoud"')).data.map((r) => r.kind)).toEqual(["comment"]);
    await db.annotation.update({ where: { id: ann }, data: { entityId: null } });
    expect((await search('quokka entity:"Ahmad Massoud"')).total).toBe(0);

    const { id: baseRevisionId } = await currentRevision(other);
    await reviseArticle({
      workspaceId,
      articleId: other,
      actorId: owner.id,
      baseRevisionId,
      content: contentFromPlainText("Mombasa harbour.\n\nNothing else."),
    });
    expect((await search("zanzibar kind:passage")).total).toBe(0);
    expect((await search("mombasa")).data.map((r) => r.kind)).toEqual(["passage"]);

    await db.article.update({ where: { id: other }, data: { deletedAt: new Date() } });
    expect((await search("mombasa")).total).toBe(0);
    expect((await search("harbour")).total).toBe(0);
  });

  it("works with an API token and answers 400 for filters that mean nothing", async () => {
    const { token } = await createApiToken({
      workspaceId,
      actorId: analyst.id,
      input: { name: "search", scope: "READ" },
    });
    const res = await callRoute({
      file: SEARCH,
      method: "GET",
      params: { workspaceId },
      headers: { authorization: `Bearer ${token}` },
      search: "?q=Massoud",
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as SearchResponse).total).toBe(4);
    for (const q of ["status:maybe", "before:2021-13-01", "kind:thing"]) {
      const bad = await callRoute({
        file: SEARCH,
        method: "GET",
        params: { workspaceId },
        cookie,
        search: `?q=${encodeURIComponent(q)}`,
      });
      expect(bad.status, q).toBe(400);
    }
  });

  it("answers 200 or 400, never 500, to 1,000 random queries", async () => {
    let seed = 14;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pieces = [
      "&",
      "|",
      "!",
      ":",
      "*",
      "(",
      ")",
      "<->",
      "<2>",
      '"',
      "'",
      "\\",
      "\\\\",
      ";",
      "--",
      "/*",
      "*/",
      "%",
      "_",
      "' OR 1=1 --",
      '\'; DROP TABLE "SearchEntry"; --',
      "\u0000",
      "\uD800",
      "\uDC00",
      "😀",
      "Massoud",
      "كتاب",
      "喀布尔",
      "-",
      "OR",
      "type:",
      'entity:"',
      "status:",
      "before:",
      "after:2021-01-01",
      "kind:",
      "article:%",
      "author:_",
      " ",
      "\n",
      "\t",
      "a:*",
      "!!",
      "$$",
      "E'\\x00'",
      "\u202E",
      "\uFEFF",
      ":*A",
      "&&&",
      "||",
    ];
    const statuses = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      let q = "";
      if (i === 0) q = "x".repeat(10_000);
      else if (i === 1) q = "Massoud ".repeat(250);
      else if (i === 2) q = "\u0000";
      else {
        const n = 1 + Math.floor(rand() * 12);
        for (let k = 0; k < n; k++) {
          q +=
            rand() < 0.7
              ? pieces[Math.floor(rand() * pieces.length)]
              : String.fromCharCode(Math.floor(rand() * 0x3000));
          if (rand() < 0.5) q += " ";
        }
      }
      const params = new URLSearchParams({ q });
      if (rand() < 0.1) params.set("kind", rand() < 0.5 ? "comment" : "nonsense");
      if (rand() < 0.1) params.set("cursor", rand() < 0.5 ? "20" : "-1'");
      if (rand() < 0.1) params.set("limit", rand() < 0.5 ? "5" : "9999");
      const res = await callRoute({
        file: i % 10 === 0 ? SUGGEST : SEARCH,
        method: "GET",
        params: { workspaceId },
        cookie,
        search: `?${params}`,
      });
      statuses.add(res.status);
      expect([200, 400], `${JSON.stringify(q)} → ${res.status} ${await res.clone().text()}`).toContain(res.status);
    }
    expect(statuses).toEqual(new Set([200, 400]));
  }, 120_000);
});

describe("POST /search/tag", () => {
  const TAG = "api/workspaces/[workspaceId]/search/tag/route.ts";
  const UNDO = "api/workspaces/[workspaceId]/search/tag/undo/route.ts";

  it("previews, tags every untagged match across articles in one go, and undoes it as one action", async () => {
    const user = await makeUser({ name: "Tagger" });
    const ws = await makeWorkspace([{ user, role: "ANALYST" }]);
    const c = await sessionCookie(user);
    const a1 = await makeArticle(ws, user.id, { text: "Haqqani spoke.\n\nThen Haqqani left; haqqani's men stayed." });
    const a2 = await makeArticle(ws, user.id, { text: "Nothing here.\n\nSirajuddin Haqqani again." });
    const entityId = await makeEntity(ws, { name: "Sirajuddin Haqqani" });
    // One occurrence is already highlighted: it is left alone.
    await makeAnnotation(ws, a1, user.id, { start: 0, length: 7 });
    const post = (file: string, json: unknown) =>
      callRoute({
        file,
        method: "POST",
        params: { workspaceId: ws },
        cookie: c,
        json,
        headers: { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
      });

    const preview = await post(TAG, { q: "haqqani", entityId, preview: true });
    expect(preview.status, await preview.clone().text()).toBe(200);
    const { data: p } = (await preview.json()) as { data: { count: number; articles: number } };
    expect(p).toMatchObject({ count: 3, articles: 2 });
    expect(await db.annotation.count({ where: { workspaceId: ws, deletedAt: null } })).toBe(1);

    const tagged = await post(TAG, { q: "haqqani", entityId });
    expect(tagged.status, await tagged.clone().text()).toBe(201);
    const { data } = (await tagged.json()) as { data: { ids: string[]; count: number } };
    expect(data.count).toBe(3);
    const rows = await db.annotation.findMany({
      where: { id: { in: data.ids } },
      select: { exact: true, entityId: true, articleId: true },
    });
    expect(rows.map((r) => r.exact).sort()).toEqual(["Haqqani", "Haqqani", "haqqani"]);
    expect(new Set(rows.map((r) => r.entityId))).toEqual(new Set([entityId]));
    expect(new Set(rows.map((r) => r.articleId))).toEqual(new Set([a1, a2]));
    // Tagging again finds nothing left to tag.
    expect(
      ((await (await post(TAG, { q: "haqqani", entityId, preview: true })).json()) as { data: { count: number } }).data
        .count,
    ).toBe(0);

    // Linked meanwhile: undoing the tagging takes the relation with its ends, as deleting them does.
    const [first, second] = await db.annotation.findMany({
      where: { id: { in: data.ids }, articleId: a1 },
      select: { id: true },
      orderBy: { start: "asc" },
    });
    const relation = await db.relation.create({
      data: {
        id: newId(),
        workspaceId: ws,
        articleId: a1,
        sourceId: second.id,
        targetId: first.id,
        typeId: await relationTypeId(ws),
        authorId: user.id,
      },
    });

    const undo = await post(UNDO, { ids: data.ids });
    expect(undo.status).toBe(200);
    expect(((await undo.json()) as { data: { count: number } }).data.count).toBe(3);
    expect(await db.annotation.count({ where: { workspaceId: ws, deletedAt: null } })).toBe(1);
    expect(
      await db.relation.findUniqueOrThrow({
        where: { id: relation.id },
        select: { deletedAt: true, deletedWithId: true, version: true },
      }),
    ).toEqual({ deletedAt: expect.any(Date), deletedWithId: second.id, version: relation.version + 1 });
  });

  it("tags only the chosen passages, and refuses an unusable entity", async () => {
    const user = await makeUser();
    const ws = await makeWorkspace([{ user, role: "ANALYST" }]);
    const c = await sessionCookie(user);
    await makeArticle(ws, user.id, { text: "Kandahar one.\n\nKandahar two." });
    const entityId = await makeEntity(ws, { name: "Kandahar" });
    const post = (json: unknown) =>
      callRoute({
        file: TAG,
        method: "POST",
        params: { workspaceId: ws },
        cookie: c,
        json,
        headers: { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
      });
    const found = await callRoute({
      file: SEARCH,
      method: "GET",
      params: { workspaceId: ws },
      cookie: c,
      search: "?q=kandahar&kind=passage",
    });
    const passages = ((await found.json()) as SearchResponse).data;
    expect(passages).toHaveLength(2);
    const res = await post({ q: "kandahar", entityId, passageIds: [passages[0].id] });
    expect(((await res.json()) as { data: { count: number } }).data.count).toBe(1);
    expect((await post({ q: "kandahar", entityId: "nope" })).status).toBe(422);
  });
});
