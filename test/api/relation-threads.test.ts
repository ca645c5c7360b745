// Discussion threads on relations (issue 15): comments, edits, deletion and
// restore, resolve, mentions and the blind rule, through the real routes.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callRoute } from "@/test/call-route";
import {
  commentBody,
  makeArticle,
  makeAssignment,
  makeRelation,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const comments = "api/workspaces/[workspaceId]/relations/[relationId]/comments/route.ts";
const thread = "api/workspaces/[workspaceId]/relations/[relationId]/thread/route.ts";
const one = "api/workspaces/[workspaceId]/comments/[commentId]/route.ts";
const restore = "api/workspaces/[workspaceId]/comments/[commentId]/restore/route.ts";
const inbox = "api/workspaces/[workspaceId]/notifications/route.ts";

let owner: TestUser;
let analyst: TestUser;
let reviewer: TestUser;
let stranger: TestUser;
let workspaceId: string;
let articleId: string;

beforeAll(async () => {
  [owner, analyst, reviewer, stranger] = await Promise.all(
    ["Owner", "Ana Analyst", "Rui Reviewer", "Stranger"].map((name) => makeUser({ name })),
  );
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
    { user: reviewer, role: "REVIEWER" },
  ]);
  articleId = await makeArticle(workspaceId, owner.id, {
    text: "Ahmad Massoud leads the National Resistance Front from Dushanbe.",
  });
});

const mention = (user: TestUser) => ({ type: "mention", attrs: { id: user.id, label: user.name } });
const doc = (...inline: unknown[]) => ({ type: "doc", content: [{ type: "paragraph", content: inline }] });

async function get(user: TestUser, relationId: string) {
  return callRoute({
    file: comments,
    method: "GET",
    params: { workspaceId, relationId },
    cookie: await sessionCookie(user),
  });
}

async function post(user: TestUser, relationId: string, body: unknown) {
  return callRoute({
    file: comments,
    method: "POST",
    params: { workspaceId, relationId },
    cookie: await sessionCookie(user),
    json: { body },
  });
}

describe("a relation's thread", () => {
  it("takes comments, lists them, notifies mentions and the relation's author, and announces them live", async () => {
    const relationId = await makeRelation(workspaceId, articleId, analyst.id);
    const before = await db.liveEvent.aggregate({ _max: { seq: true } });
    const res = await post(owner, relationId, doc({ type: "text", text: "Leads, or speaks for? " }, mention(reviewer)));
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data).toMatchObject({ relationId, annotationId: null, author: { id: owner.id }, state: "visible" });

    const stored = await db.comment.findUniqueOrThrow({ where: { id: data.id } });
    expect(stored).toMatchObject({ relationId, annotationId: null, articleId });

    const notifications = await db.notification.findMany({ where: { commentId: data.id }, orderBy: { kind: "asc" } });
    expect(notifications.map((n) => [n.recipientId, n.kind, n.relationId, n.annotationId])).toEqual([
      [reviewer.id, "MENTION", relationId, null],
      [analyst.id, "REPLY", relationId, null],
    ]);
    const events = await db.liveEvent.findMany({
      where: { seq: { gt: before._max.seq ?? BigInt(0) }, workspaceId, type: "comment.changed" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ articleId, data: { annotationId: null, relationId, commentId: data.id } });

    // The mentioned reviewer's inbox links to the relation's thread at the comment.
    const box = await callRoute({
      file: inbox,
      method: "GET",
      params: { workspaceId },
      cookie: await sessionCookie(reviewer),
    });
    const item = (await box.json()).data.find((n: { commentId: string }) => n.commentId === data.id);
    expect(item).toMatchObject({ kind: "MENTION", relationId, annotationId: null });
    expect(item.href).toBe(`/w/${workspaceId}/articles/${articleId}?relation=${relationId}&comment=${data.id}`);

    await post(reviewer, relationId, commentBody("Leads: the source says so twice."));
    const list = await get(analyst, relationId);
    expect(list.status).toBe(200);
    const threadView = (await list.json()).data;
    expect(threadView).toMatchObject({ relationId, annotationId: null, resolved: false });
    expect(threadView.comments.map((c: { author: { id: string } }) => c.author.id)).toEqual([owner.id, reviewer.id]);
  });

  it("lets the author edit (409 on a stale version), delete and restore their comment", async () => {
    const relationId = await makeRelation(workspaceId, articleId, analyst.id);
    const { data: created } = await (await post(analyst, relationId, commentBody("First take."))).json();
    const cookie = await sessionCookie(analyst);
    const params = { workspaceId, commentId: created.id };

    const edited = await callRoute({
      file: one,
      method: "PATCH",
      params,
      cookie,
      json: { version: 1, body: doc({ type: "text", text: "Second take, " }, mention(owner)) },
    });
    expect(edited.status).toBe(200);
    expect((await edited.json()).data).toMatchObject({ relationId, version: 2 });
    // A newly mentioned member hears of it.
    expect(
      await db.notification.count({ where: { commentId: created.id, recipientId: owner.id, kind: "MENTION" } }),
    ).toBe(1);
    const stale = await callRoute({
      file: one,
      method: "PATCH",
      params,
      cookie,
      json: { version: 1, body: commentBody("Stale.") },
    });
    expect(stale.status).toBe(409);
    // Someone else's comment is not theirs to change.
    const notMine = await callRoute({
      file: one,
      method: "PATCH",
      params,
      cookie: await sessionCookie(reviewer),
      json: { version: 2, body: commentBody("Mine now.") },
    });
    expect(notMine.status).toBe(403);

    const deleted = await callRoute({ file: one, method: "DELETE", params, cookie });
    expect(deleted.status).toBe(200);
    expect((await deleted.json()).data).toMatchObject({ state: "deleted", body: null });
    const restored = await callRoute({ file: restore, method: "POST", params, cookie });
    expect(restored.status).toBe(200);
    expect((await restored.json()).data).toMatchObject({ state: "visible", relationId });
  });

  it("resolves and reopens, and a new comment reopens a resolved thread", async () => {
    const relationId = await makeRelation(workspaceId, articleId, analyst.id);
    await post(analyst, relationId, commentBody("Check the date."));
    const resolve = async (resolved: boolean) =>
      callRoute({
        file: thread,
        method: "POST",
        params: { workspaceId, relationId },
        cookie: await sessionCookie(reviewer),
        json: { resolved },
      });
    const res = await resolve(true);
    expect(res.status).toBe(200);
    expect((await res.json()).data).toMatchObject({ relationId, resolved: true, resolvedBy: { id: reviewer.id } });
    expect((await db.relation.findUniqueOrThrow({ where: { id: relationId } })).threadResolvedById).toBe(reviewer.id);

    await post(owner, relationId, commentBody("Not settled after all."));
    expect((await (await get(owner, relationId)).json()).data.resolved).toBe(false);
  });

  it("is 404 for a deleted relation, another workspace's relation and non-members; 403 for what the role may not do", async () => {
    const deleted = await makeRelation(workspaceId, articleId, analyst.id, { deleted: true });
    expect((await get(analyst, deleted)).status).toBe(404);
    expect((await post(analyst, deleted, commentBody("Hello?"))).status).toBe(404);

    const otherWs = await makeWorkspace([{ user: stranger, role: "OWNER" }]);
    const foreign = await makeRelation(otherWs, await makeArticle(otherWs, stranger.id), stranger.id);
    expect((await get(analyst, foreign)).status).toBe(404);

    // As on every workspace route, a non-member is not told the workspace exists.
    const relationId = await makeRelation(workspaceId, articleId, analyst.id);
    expect((await get(stranger, relationId)).status).toBe(404);
    expect((await post(stranger, relationId, commentBody("Let me in."))).status).toBe(404);

    // Only leads hide comments, on relations as on annotations.
    const { data } = await (await post(reviewer, relationId, commentBody("Off topic."))).json();
    const hideAs = async (user: TestUser) =>
      callRoute({
        file: "api/workspaces/[workspaceId]/comments/[commentId]/hide/route.ts",
        method: "POST",
        params: { workspaceId, commentId: data.id },
        cookie: await sessionCookie(user),
        json: { hidden: true },
      });
    expect((await hideAs(analyst)).status).toBe(403);
    const hidden = await hideAs(owner);
    expect(hidden.status).toBe(200);
    expect((await hidden.json()).data).toMatchObject({ state: "hidden", relationId });
  });

  it("hides threads on others' relations from a blind analyst (404), and their mentions from the inbox", async () => {
    const blindArticle = await makeArticle(workspaceId, owner.id, { text: "Massoud met Saleh in Panjshir in March." });
    await makeAssignment(workspaceId, blindArticle, analyst.id, owner.id, { blind: true });
    const others = await makeRelation(workspaceId, blindArticle, reviewer.id);
    const own = await makeRelation(workspaceId, blindArticle, analyst.id);

    // The reviewer mentions the blind analyst in the thread of a relation the analyst may not see.
    const { data: hidden } = await (
      await post(reviewer, others, doc({ type: "text", text: "What do you think, " }, mention(analyst)))
    ).json();
    expect((await get(analyst, others)).status).toBe(404);
    expect((await post(analyst, others, commentBody("Peeking."))).status).toBe(404);
    const reply = await callRoute({
      file: one,
      method: "DELETE",
      params: { workspaceId, commentId: hidden.id },
      cookie: await sessionCookie(analyst),
    });
    expect(reply.status).toBe(404);

    // Their own relation's thread works as usual.
    expect((await post(analyst, own, commentBody("Met, per the second paragraph."))).status).toBe(201);
    expect((await get(analyst, own)).status).toBe(200);

    const box = await callRoute({
      file: inbox,
      method: "GET",
      params: { workspaceId },
      cookie: await sessionCookie(analyst),
    });
    const items: { commentId: string }[] = (await box.json()).data;
    expect(items.some((n) => n.commentId === hidden.id)).toBe(false);
    // Not blind, the reviewer sees both threads.
    expect((await get(reviewer, own)).status).toBe(200);
  });

  it("is refused by the database without exactly one of annotation and relation", async () => {
    const relationId = await makeRelation(workspaceId, articleId, analyst.id);
    const relation = await db.relation.findUniqueOrThrow({ where: { id: relationId } });
    const row = { workspaceId, articleId, authorId: owner.id, body: {}, text: "x" };
    await expect(db.comment.create({ data: { id: `bad-none-${relationId}`, ...row } })).rejects.toThrow();
    await expect(
      db.comment.create({
        data: { id: `bad-both-${relationId}`, ...row, relationId, annotationId: relation.sourceId },
      }),
    ).rejects.toThrow();
  });
});
