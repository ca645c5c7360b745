// Search (issue 14) over relations' threads (issue 15): a comment on a
// relation is found like a comment on an annotation, follows its comment,
// relation and annotations through hide, delete and restore (through the real
// routes), keeps the blind rule of relations, and links to the relation.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { searchResultHref } from "@/components/search/search-links";
import type { SearchResponse } from "@/lib/validations/search";
import { callRoute } from "@/test/call-route";
import {
  commentBody,
  currentRevision,
  makeAnnotation,
  makeArticle,
  makeAssignment,
  makeEntity,
  makeUser,
  makeWorkspace,
  relationTypeId,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const R = {
  search: "api/workspaces/[workspaceId]/search/route.ts",
  comments: "api/workspaces/[workspaceId]/relations/[relationId]/comments/route.ts",
  comment: "api/workspaces/[workspaceId]/comments/[commentId]/route.ts",
  commentRestore: "api/workspaces/[workspaceId]/comments/[commentId]/restore/route.ts",
  hide: "api/workspaces/[workspaceId]/comments/[commentId]/hide/route.ts",
  relation: "api/workspaces/[workspaceId]/relations/[relationId]/route.ts",
  relationRestore: "api/workspaces/[workspaceId]/relations/[relationId]/restore/route.ts",
  annotation: "api/workspaces/[workspaceId]/annotations/[annotationId]/route.ts",
  annotationRestore: "api/workspaces/[workspaceId]/annotations/[annotationId]/restore/route.ts",
};

const TEXT = "Ahmad Massoud leads the National Resistance Front from Dushanbe, said Amrullah Saleh.";

let owner: TestUser;
let ana: TestUser;
let bo: TestUser;
let workspaceId: string;
let articleId: string;

async function call(user: TestUser, file: string, method: string, params: Record<string, string>, json?: unknown) {
  return callRoute({ file, method, params: { workspaceId, ...params }, cookie: await sessionCookie(user), json });
}

async function search(user: TestUser, q: string) {
  const res = await callRoute({
    file: R.search,
    method: "GET",
    params: { workspaceId },
    cookie: await sessionCookie(user),
    search: `?q=${encodeURIComponent(q)}&limit=100`,
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as SearchResponse;
}

/** An annotation of `phrase` (optionally tagged) by `author` on `article`. */
async function annotate(author: TestUser, article: string, phrase: string, entityId?: string) {
  const { text } = await currentRevision(article);
  return makeAnnotation(workspaceId, article, author.id, {
    start: text.indexOf(phrase),
    length: phrase.length,
    entityId,
  });
}

/** A "leads" relation by `author` between two annotations. */
async function relate(author: TestUser, article: string, sourceId: string, targetId: string) {
  const relation = await db.relation.create({
    data: {
      id: newId(),
      workspaceId,
      articleId: article,
      sourceId,
      targetId,
      typeId: await relationTypeId(workspaceId, "leads"),
      authorId: author.id,
    },
    select: { id: true },
  });
  return relation.id;
}

/** A comment posted on a relation's thread through the route; returns its id. */
async function discuss(user: TestUser, relationId: string, text: string) {
  const res = await call(user, R.comments, "POST", { relationId }, { body: commentBody(text) });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { data: { id: string } }).data.id;
}

beforeAll(async () => {
  [owner, ana, bo] = await Promise.all(["Olga Owner", "Ana Analyst", "Bo Analyst"].map((name) => makeUser({ name })));
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: ana, role: "ANALYST" },
    { user: bo, role: "ANALYST" },
  ]);
  articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
  await db.article.update({ where: { id: articleId }, data: { title: "Front report" } });
});

describe("comments in a relation's thread", () => {
  it("are found by their words, as comments of their author and article, linking to the relation's thread", async () => {
    const massoud = await makeEntity(workspaceId, { name: "Ahmad Massoud" });
    const front = await makeEntity(workspaceId, { name: "National Resistance Front", type: "Organization" });
    const source = await annotate(ana, articleId, "Ahmad Massoud", massoud);
    const target = await annotate(ana, articleId, "National Resistance Front", front);
    const relationId = await relate(ana, articleId, source, target);
    const commentId = await discuss(bo, relationId, "Leads, or merely speaks for the xylophonists?");

    const found = await search(owner, "xylophonist");
    expect(found.data).toEqual([
      expect.objectContaining({
        kind: "comment",
        id: commentId,
        articleId,
        relationId,
        relationLabel: "leads: Ahmad Massoud → National Resistance Front",
        articleTitle: "Front report",
        authorName: "Bo Analyst",
      }),
    ]);
    expect(found.data[0].annotationId).toBeUndefined();
    expect(found.data[0].entityId).toBeUndefined();
    expect(found.facets.kind).toEqual({ comment: 1 });
    expect(found.facets.author.map((a) => [a.id, a.count])).toEqual([[bo.id, 1]]);
    expect(found.facets.article.map((a) => [a.id, a.count])).toEqual([[articleId, 1]]);
    expect(found.facets.entity).toEqual([]);
    expect((await search(owner, "xylophonist kind:comment author:bo")).total).toBe(1);
    expect(searchResultHref(workspaceId, found.data[0])).toBe(
      `/w/${workspaceId}/articles/${articleId}?relation=${relationId}&comment=${commentId}`,
    );
  });

  it("leave the search when hidden or deleted, or while their relation or one of its ends is deleted, and come back", async () => {
    const source = await annotate(ana, articleId, "Amrullah Saleh");
    const target = await annotate(ana, articleId, "Dushanbe");
    const relationId = await relate(ana, articleId, source, target);
    const commentId = await discuss(ana, relationId, "Quokkas in Dushanbe?");
    const found = async () => (await search(owner, "quokka")).data.map((r) => r.id);
    expect(await found()).toEqual([commentId]);

    expect((await call(owner, R.hide, "POST", { commentId }, { hidden: true })).status).toBe(200);
    expect(await found()).toEqual([]);
    expect((await call(owner, R.hide, "POST", { commentId }, { hidden: false })).status).toBe(200);
    expect(await found()).toEqual([commentId]);

    expect((await call(ana, R.comment, "DELETE", { commentId })).status).toBe(200);
    expect(await found()).toEqual([]);
    expect((await call(ana, R.commentRestore, "POST", { commentId })).status).toBe(200);
    expect(await found()).toEqual([commentId]);

    expect((await call(ana, R.relation, "DELETE", { relationId })).status).toBe(204);
    expect(await found()).toEqual([]);
    expect((await search(owner, "quokka")).facets.kind).toEqual({});
    expect((await call(ana, R.relationRestore, "POST", { relationId })).status).toBe(200);
    expect(await found()).toEqual([commentId]);

    // Deleting an end takes the relation, and its thread, along; restoring the end brings both back.
    expect((await call(ana, R.annotation, "DELETE", { annotationId: target })).status).toBe(204);
    expect(await found()).toEqual([]);
    expect((await call(ana, R.annotationRestore, "POST", { annotationId: target })).status).toBe(200);
    expect(await found()).toEqual([commentId]);
    // An end deleted alone (undoing a tag-all deletes annotations, not their relations): the reader
    // no longer shows the relation, and the search no longer finds its thread.
    await db.annotation.update({ where: { id: source }, data: { deletedAt: new Date() } });
    expect(await found()).toEqual([]);
    await db.annotation.update({ where: { id: source }, data: { deletedAt: null } });
    expect(await found()).toEqual([commentId]);
  });

  it("are never found by a blind analyst on others' relations, not even in facet counts; their own are", async () => {
    const blindArticle = await makeArticle(workspaceId, owner.id, { text: TEXT });
    await makeAssignment(workspaceId, blindArticle, bo.id, owner.id, { blind: true });
    const anas = await relate(
      ana,
      blindArticle,
      await annotate(ana, blindArticle, "Ahmad Massoud"),
      await annotate(ana, blindArticle, "Dushanbe"),
    );
    const bosOwnEnd = await annotate(bo, blindArticle, "Amrullah Saleh");
    const bos = await relate(bo, blindArticle, bosOwnEnd, await annotate(bo, blindArticle, "Dushanbe"));
    // Bo's relation to Ana's annotation: Bo does not see it while blind (relation-visibility.ts).
    const mixed = await relate(bo, blindArticle, bosOwnEnd, await annotate(ana, blindArticle, "National Resistance"));
    const onAnas = await discuss(owner, anas, "Wombat one.");
    const onBos = await discuss(owner, bos, "Wombat two.");
    const onMixed = await discuss(owner, mixed, "Wombat three.");

    const blind = await search(bo, "wombat");
    expect(blind.data.map((r) => r.id)).toEqual([onBos]);
    expect(blind.facets.kind).toEqual({ comment: 1 });
    expect(blind.facets.article.map((a) => [a.id, a.count])).toEqual([[blindArticle, 1]]);
    expect(blind.facets.author.map((a) => [a.id, a.count])).toEqual([[owner.id, 1]]);

    expect((await search(ana, "wombat")).data.map((r) => r.id).sort()).toEqual([onAnas, onBos, onMixed].sort());
    expect((await search(owner, "wombat")).facets.kind).toEqual({ comment: 3 });

    await db.assignment.updateMany({ where: { articleId: blindArticle }, data: { submittedAt: new Date() } });
    expect((await search(bo, "wombat")).facets.kind).toEqual({ comment: 3 });
  });
});
