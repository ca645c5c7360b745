// The facet counts the writes keep for searches of exclusions alone (migration 20261210000000,
// lib/server/search/facet-counts.ts): after every kind of write, and folded or not, they are the
// counts of the entries themselves, and a search of exclusions alone shows what counting its
// matches shows, blind rule and deleted articles included.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { contentFromPlainText } from "@/lib/content/plain-text";
import { reviseArticle } from "@/lib/server/articles/revise-article";
import { foldFacetCounts } from "@/lib/server/search/facet-counts";
import type { SearchResponse } from "@/lib/validations/search";
import { callRoute } from "@/test/call-route";
import {
  currentRevision,
  entityTypeId,
  makeAnnotation,
  makeArticle,
  makeAssignment,
  makeComment,
  makeEntity,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const SEARCH = "api/workspaces/[workspaceId]/search/route.ts";
const EVERY_KIND = "kind:passage kind:annotation kind:comment kind:entity kind:article";

let owner: TestUser;
let analyst: TestUser;
let other: TestUser;
let workspaceId: string;

async function search(q: string, user: TestUser) {
  const res = await callRoute({
    file: SEARCH,
    method: "GET",
    params: { workspaceId },
    cookie: await sessionCookie(user),
    search: `?q=${encodeURIComponent(q)}&limit=5`,
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as SearchResponse;
}

/** Every facet value's count, as kept (summed rows) and as counted from the entries. */
async function keptAndCounted() {
  const kept = await db.$queryRawUnsafe<{ key: string; n: number }[]>(
    `SELECT concat_ws('|', facet, kind, status::text, "authorId", year, "refId") AS key, sum(n)::int AS n
       FROM "SearchFacetCount" WHERE "workspaceId" = $1
      GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1`,
    workspaceId,
  );
  const counted = await db.$queryRawUnsafe<{ key: string; n: number }[]>(
    `SELECT concat_ws('|', f.facet, f.kind, f.status::text, f."authorId", f.year, f."refId") AS key, count(*)::int AS n
       FROM "SearchEntry" e,
            "marginalia_search_facet_values"(e.kind, e.status, e."authorId", e.date, e."entityTypeId", e."entityId", e."articleId") f
      WHERE e."workspaceId" = $1
      GROUP BY 1 ORDER BY 1`,
    workspaceId,
  );
  return { kept, counted };
}

/** The kept counts are the entries' counts, and every viewer's search of exclusions alone agrees with a counted one. */
async function expectExact(step: string) {
  const { kept, counted } = await keptAndCounted();
  expect(kept, step).toEqual(counted);
  for (const user of [owner, analyst]) {
    for (const q of ["-zzqqxx", "-Wombat"]) {
      const fromKept = await search(q, user);
      // The same query with every kind as a filter: the matches are counted one by one.
      const fromMatches = await search(`${q} ${EVERY_KIND}`, user);
      expect({ total: fromKept.total, facets: fromKept.facets }, `${step}: ${q} as ${user.name}`).toEqual({
        total: fromMatches.total,
        facets: fromMatches.facets,
      });
      expect(fromKept.data, `${step}: ${q} as ${user.name}`).toEqual(fromMatches.data);
    }
  }
}

beforeAll(async () => {
  owner = await makeUser({ name: "Ada Owner" });
  analyst = await makeUser({ name: "Blind Analyst" });
  other = await makeUser({ name: "Other Analyst" });
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
    { user: other, role: "ANALYST" },
  ]);
});

describe("kept facet counts", () => {
  it("stay exact through every kind of write, folded or not, for every viewer", async () => {
    const text = "Quokka herds crossed the Wombat river.\n\nQuokka scouts watched the Wombat ford at dawn.";
    const first = await makeArticle(workspaceId, owner.id, { text });
    const second = await makeArticle(workspaceId, other.id, { text });
    const person = await makeEntity(workspaceId, { name: "Quokka Chief", type: "person" });
    const place = await makeEntity(workspaceId, { name: "Wombat Ford", type: "location" });
    const mine = await makeAnnotation(workspaceId, first, analyst.id, { entityId: person });
    const theirs = await makeAnnotation(workspaceId, first, other.id, { entityId: place });
    const owners = await makeAnnotation(workspaceId, second, owner.id, { entityId: person });
    await makeComment(workspaceId, other.id, { annotationId: theirs, text: "A wombat, surely." });
    const { commentId } = await makeComment(workspaceId, owner.id, { annotationId: owners, text: "Quokka or not?" });
    await expectExact("created");

    await db.annotation.update({ where: { id: theirs }, data: { status: "ACCEPTED" } });
    await db.annotation.update({ where: { id: owners }, data: { status: "REJECTED", entityId: place } });
    await expectExact("reviewed and re-tagged");

    await db.entity.update({ where: { id: place }, data: { typeId: await entityTypeId(workspaceId, "Organization") } });
    await expectExact("an entity's type changed");

    await makeAssignment(workspaceId, first, analyst.id, owner.id, { blind: true });
    await expectExact("the analyst annotates the first article blind");

    await db.annotation.update({ where: { id: mine }, data: { deletedAt: new Date() } });
    await db.comment.update({ where: { id: commentId }, data: { hiddenAt: new Date() } });
    await expectExact("an annotation deleted, a comment hidden");

    await foldFacetCounts(workspaceId);
    const folded = await db.searchFacetCount.count({ where: { workspaceId } });
    const { counted } = await keptAndCounted();
    expect(folded).toBe(counted.length);
    await expectExact("folded");

    await db.annotation.update({ where: { id: mine }, data: { deletedAt: null } });
    const { id: baseRevisionId } = await currentRevision(second);
    await reviseArticle({
      workspaceId,
      articleId: second,
      actorId: owner.id,
      baseRevisionId,
      content: contentFromPlainText("Wombat country.\n\nThe Quokka herds crossed it in one night.\n\nNothing else."),
    });
    await expectExact("restored, and a new revision");

    await db.article.update({ where: { id: first }, data: { deletedAt: new Date() } });
    await expectExact("an article deleted");
  });

  it("stay exact when searches fold while others write", async () => {
    const article = await makeArticle(workspaceId, owner.id, {
      text: "Numbat tracks.\n\nNumbat burrows by the creek.",
    });
    const writes = Array.from({ length: 12 }, (_, i) =>
      makeAnnotation(workspaceId, article, [owner, other][i % 2].id, { start: i * 2, length: 2 }),
    );
    await Promise.all([
      ...writes,
      foldFacetCounts(workspaceId),
      foldFacetCounts(workspaceId),
      foldFacetCounts(workspaceId),
    ]);
    await foldFacetCounts(workspaceId);
    await expectExact("folded while writing");
  });

  it("are folded by the search that finds many more rows than values, after it has answered", async () => {
    // 1,600 rows that add nothing: +1 and -1 for one article, as writes and deletions leave them.
    const article = await makeArticle(workspaceId, owner.id, { text: "Bilby country.\n\nA bilby dug here." });
    await db.$executeRaw`
      INSERT INTO "SearchFacetCount" ("workspaceId", facet, "refId", n)
      SELECT ${workspaceId}, 'article', ${article}, CASE WHEN g % 2 = 0 THEN 1 ELSE -1 END FROM generate_series(1, 1600) g`;
    const before = await db.searchFacetCount.count({ where: { workspaceId } });
    await expectExact("with rows to fold");
    await expect.poll(() => db.searchFacetCount.count({ where: { workspaceId } })).toBeLessThan(before - 1600);
    const { counted } = await keptAndCounted();
    expect(await db.searchFacetCount.count({ where: { workspaceId } })).toBe(counted.length);
    await expectExact("folded by a search");
  });
});
