import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callRoute } from "@/test/call-route";
import {
  commentBody,
  makeAnnotation,
  makeArticle,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const comments = "api/workspaces/[workspaceId]/annotations/[annotationId]/comments/route.ts";
const one = "api/workspaces/[workspaceId]/comments/[commentId]/route.ts";
const restore = "api/workspaces/[workspaceId]/comments/[commentId]/restore/route.ts";
const hide = "api/workspaces/[workspaceId]/comments/[commentId]/hide/route.ts";
const history = "api/workspaces/[workspaceId]/comments/[commentId]/history/route.ts";
const thread = "api/workspaces/[workspaceId]/annotations/[annotationId]/thread/route.ts";
const threads = "api/workspaces/[workspaceId]/articles/[articleId]/threads/route.ts";
const inbox = "api/workspaces/[workspaceId]/notifications/route.ts";
const read = "api/workspaces/[workspaceId]/notifications/read/route.ts";

let owner: TestUser;
let analyst: TestUser;
let reviewer: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let workspaceId: string;
let articleId: string;

beforeAll(async () => {
  [owner, analyst, reviewer, viewer, stranger] = await Promise.all(
    ["Owner", "Ana Analyst", "Rui Reviewer", "Vera Viewer", "Stranger"].map((name) => makeUser({ name })),
  );
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
    { user: reviewer, role: "REVIEWER" },
    { user: viewer, role: "VIEWER" },
  ]);
  articleId = await makeArticle(workspaceId, owner.id, { text: "Ahmad Massoud met officials in Dushanbe." });
});

const mention = (user: TestUser) => ({ type: "mention", attrs: { id: user.id, label: user.name } });
const doc = (...inline: unknown[]) => ({ type: "doc", content: [{ type: "paragraph", content: inline }] });

async function post(user: TestUser, annotationId: string, body: unknown) {
  return callRoute({
    file: comments,
    method: "POST",
    params: { workspaceId, annotationId },
    cookie: await sessionCookie(user),
    json: { body },
  });
}

const newAnnotation = () => makeAnnotation(workspaceId, articleId, analyst.id);

describe("commenting", () => {
  it("adds a comment, notifies who it mentions and the highlight's author, and announces it live", async () => {
    const annotationId = await newAnnotation();
    const before = await db.liveEvent.aggregate({ _max: { seq: true } });
    const res = await post(owner, annotationId, doc({ type: "text", text: "Is this him, " }, mention(reviewer)));
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data).toMatchObject({
      annotationId,
      author: { id: owner.id },
      state: "visible",
      version: 1,
      editedAt: null,
    });
    expect(data.body.content[0].content[1]).toMatchObject({
      type: "mention",
      attrs: { id: reviewer.id, label: reviewer.name },
    });
    const stored = await db.comment.findUniqueOrThrow({ where: { id: data.id } });
    expect(stored.text).toBe(`Is this him, @${reviewer.name}`);

    const notifications = await db.notification.findMany({ where: { commentId: data.id }, orderBy: { kind: "asc" } });
    expect(notifications.map((n) => [n.recipientId, n.kind])).toEqual([
      [reviewer.id, "MENTION"],
      [analyst.id, "REPLY"],
    ]);
    const events = await db.liveEvent.findMany({ where: { seq: { gt: before._max.seq ?? BigInt(0) }, workspaceId } });
    expect(events.map((e) => e.type).sort()).toEqual([
      "comment.changed",
      "notification.created",
      "notification.created",
    ]);
    expect(events.find((e) => e.type === "comment.changed")).toMatchObject({
      articleId,
      recipientId: null,
      data: { annotationId, commentId: data.id },
    });
    const activity = await db.activityEvent.findFirst({ where: { targetId: data.id } });
    expect(activity?.action).toBe("comment.created");
  });

  it("notifies earlier participants of a reply, never the replier, each person once", async () => {
    const annotationId = await newAnnotation();
    await post(reviewer, annotationId, commentBody("First."));
    const res = await post(viewer, annotationId, doc({ type: "text", text: "Agreed " }, mention(reviewer)));
    const { data } = await res.json();
    const notifications = await db.notification.findMany({ where: { commentId: data.id } });
    expect(notifications.map((n) => [n.recipientId, n.kind]).sort()).toEqual(
      [
        [reviewer.id, "MENTION"],
        [analyst.id, "REPLY"],
      ].sort(),
    );
  });

  it("refuses mentions of non-members, empty and over-long comments, and anything the editor cannot produce", async () => {
    const annotationId = await newAnnotation();
    const cases: [unknown, RegExp][] = [
      [doc({ type: "text", text: "Hi " }, mention(stranger)), /only mention members/],
      [doc({ type: "text", text: "   " }), /cannot be empty/],
      [commentBody("x".repeat(10_001)), /at most 10,000 characters/],
      [{ type: "doc", content: [{ type: "heading", attrs: { level: 1 }, content: [] }] }, /cannot hold/],
      [
        { type: "doc", content: [{ type: "paragraph", content: [{ type: "image", attrs: { src: "x" } }] }] },
        /cannot hold/,
      ],
      [
        doc({ type: "text", text: "click", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }),
        /http, https or mailto/,
      ],
      [doc({ type: "mention", attrs: { id: null, label: "x" } }), /malformed/],
    ];
    for (const [body, message] of cases) {
      const res = await post(analyst, annotationId, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      const { error } = await res.json();
      expect(error.message).toMatch(message);
      expect(error.details.fieldErrors.body).toBeDefined();
    }
    expect(await db.comment.count({ where: { annotationId } })).toBe(0);
  });

  it("stores text Postgres can hold (no NUL) and links with nothing but their href", async () => {
    const annotationId = await newAnnotation();
    const res = await post(
      analyst,
      annotationId,
      doc(
        { type: "text", text: "\u0000<script>alert(1)</script> " },
        {
          type: "text",
          text: "source",
          marks: [
            {
              type: "link",
              attrs: { href: " https://example.org/a ", target: "_self", rel: "opener", class: "x", title: "t" },
            },
          ],
        },
      ),
    );
    expect(res.status).toBe(201);
    const { data } = await res.json();
    const [text, link] = data.body.content[0].content;
    expect(text.text).toBe("<script>alert(1)</script> ");
    expect(link.marks[0].attrs).toMatchObject({
      href: "https://example.org/a",
      target: "_blank",
      class: null,
      title: null,
    });
    expect(link.marks[0].attrs.rel).toBe("noopener noreferrer nofollow");
  });

  it("answers 413 for a request far over the limit, saving nothing", async () => {
    const annotationId = await newAnnotation();
    const res = await post(analyst, annotationId, commentBody("y".repeat(250_000)));
    expect(res.status).toBe(413);
    expect(await db.comment.count({ where: { annotationId } })).toBe(0);
  });

  it("404s for an annotation of another workspace or a deleted one", async () => {
    const otherWs = await makeWorkspace([{ user: stranger, role: "OWNER" }]);
    const foreign = await makeAnnotation(otherWs, await makeArticle(otherWs, stranger.id), stranger.id);
    expect((await post(analyst, foreign, commentBody("hello"))).status).toBe(404);
    const deleted = await makeAnnotation(workspaceId, articleId, analyst.id, { deleted: true });
    expect((await post(analyst, deleted, commentBody("hello"))).status).toBe(404);
  });
});

describe("editing, deleting and hiding", () => {
  it("edits keep the history and mark the comment edited; a stale version is a 409 with the current comment", async () => {
    const annotationId = await newAnnotation();
    const { data: created } = await (await post(analyst, annotationId, commentBody("Frist draft."))).json();
    const patch = async (user: TestUser, version: number, text: string) =>
      callRoute({
        file: one,
        method: "PATCH",
        params: { workspaceId, commentId: created.id },
        cookie: await sessionCookie(user),
        json: { version, body: commentBody(text) },
      });
    const ok = await patch(analyst, 1, "First draft.");
    expect(ok.status).toBe(200);
    const { data: edited } = await ok.json();
    expect(edited).toMatchObject({ version: 2, state: "visible" });
    expect(edited.editedAt).not.toBeNull();
    const stale = await patch(analyst, 1, "Lost edit.");
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.details.current.version).toBe(2);
    expect((await patch(reviewer, 2, "Not mine.")).status).toBe(403);
    const res = await callRoute({
      file: history,
      method: "GET",
      params: { workspaceId, commentId: created.id },
      cookie: await sessionCookie(viewer),
    });
    expect((await res.json()).data.map((h: { text: string }) => h.text)).toEqual(["Frist draft."]);
  });

  it("deletes softly (replies stay, the body goes), only by the author, and restores", async () => {
    const annotationId = await newAnnotation();
    const { data: first } = await (await post(analyst, annotationId, commentBody("Mine."))).json();
    await post(reviewer, annotationId, commentBody("A reply."));
    const del = async (user: TestUser) =>
      callRoute({
        file: one,
        method: "DELETE",
        params: { workspaceId, commentId: first.id },
        cookie: await sessionCookie(user),
      });
    expect((await del(reviewer)).status).toBe(403);
    const res = await del(analyst);
    expect(res.status).toBe(200);
    expect((await res.json()).data).toMatchObject({ state: "deleted", body: null });
    const view = await callRoute({
      file: comments,
      method: "GET",
      params: { workspaceId, annotationId },
      cookie: await sessionCookie(viewer),
    });
    const { data: t } = await view.json();
    expect(t.comments.map((c: { state: string }) => c.state)).toEqual(["deleted", "visible"]);
    const back = await callRoute({
      file: restore,
      method: "POST",
      params: { workspaceId, commentId: first.id },
      cookie: await sessionCookie(analyst),
    });
    expect((await back.json()).data).toMatchObject({ state: "visible", body: commentBody("Mine.") });
  });

  it("lets reviewers hide a comment from everyone, logged, and show it again", async () => {
    const annotationId = await newAnnotation();
    const { data: c } = await (await post(viewer, annotationId, commentBody("Abusive."))).json();
    const set = async (user: TestUser, hidden: boolean) =>
      callRoute({
        file: hide,
        method: "POST",
        params: { workspaceId, commentId: c.id },
        cookie: await sessionCookie(user),
        json: { hidden },
      });
    expect((await set(analyst, true)).status).toBe(403);
    const res = await set(reviewer, true);
    expect((await res.json()).data).toMatchObject({ state: "hidden", body: null });
    expect((await db.activityEvent.findFirst({ where: { targetId: c.id, action: "comment.hidden" } }))?.actorId).toBe(
      reviewer.id,
    );
    expect((await (await set(owner, false)).json()).data.state).toBe("visible");
  });
});

describe("threads and the inbox", () => {
  it("resolves and reopens; a new comment reopens; summaries count visible comments", async () => {
    const annotationId = await newAnnotation();
    await post(analyst, annotationId, commentBody("One."));
    const setResolved = async (user: TestUser, resolved: boolean) =>
      callRoute({
        file: thread,
        method: "POST",
        params: { workspaceId, annotationId },
        cookie: await sessionCookie(user),
        json: { resolved },
      });
    expect((await setResolved(viewer, true)).status).toBe(403);
    const res = await setResolved(analyst, true);
    expect((await res.json()).data).toMatchObject({ resolved: true, resolvedBy: { id: analyst.id } });
    const sum = async () =>
      (
        await (
          await callRoute({
            file: threads,
            method: "GET",
            params: { workspaceId, articleId },
            cookie: await sessionCookie(viewer),
          })
        ).json()
      ).data.find((s: { annotationId: string }) => s.annotationId === annotationId);
    expect(await sum()).toEqual({ annotationId, comments: 1, resolved: true });
    await post(reviewer, annotationId, commentBody("Not so fast."));
    expect(await sum()).toEqual({ annotationId, comments: 2, resolved: false });
  });

  it("lists my notifications with links to the comment, and marks them read", async () => {
    const me = await makeUser({ name: "Inbox Owner" });
    await db.membership.create({ data: { id: `m-${me.id}`, workspaceId, userId: me.id, role: "ANALYST" } });
    const annotationId = await newAnnotation();
    const { data: c } = await (
      await post(owner, annotationId, doc({ type: "text", text: "See " }, mention(me)))
    ).json();
    const list = async () =>
      (
        await callRoute({ file: inbox, method: "GET", params: { workspaceId }, cookie: await sessionCookie(me) })
      ).json();
    const first = await list();
    expect(first.unreadCount).toBe(1);
    expect(first.data[0]).toMatchObject({
      kind: "MENTION",
      actor: { id: owner.id },
      annotationId,
      commentId: c.id,
      excerpt: `See @${me.name}`,
      readAt: null,
      href: `/w/${workspaceId}/articles/${articleId}?annotation=${annotationId}&comment=${c.id}`,
    });
    const res = await callRoute({
      file: read,
      method: "POST",
      params: { workspaceId },
      cookie: await sessionCookie(me),
      json: { all: true },
    });
    expect((await res.json()).data.unreadCount).toBe(0);
    expect((await list()).data[0].readAt).not.toBeNull();
  });
});
