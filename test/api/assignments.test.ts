import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { callRoute } from "@/test/call-route";
import {
  makeAnnotation,
  makeArticle,
  makeEntity,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const list = "api/workspaces/[workspaceId]/assignments/route.ts";
const one = "api/workspaces/[workspaceId]/assignments/[assignmentId]/route.ts";
const submit = "api/workspaces/[workspaceId]/assignments/[assignmentId]/submit/route.ts";
const dashboard = "api/workspaces/[workspaceId]/dashboard/route.ts";
const notifications = "api/workspaces/[workspaceId]/notifications/route.ts";

let owner: TestUser;
let reviewer: TestUser;
let ana: TestUser;
let ben: TestUser;
let viewer: TestUser;
let workspaceId: string;

async function call(user: TestUser, file: string, options: { method?: string; params?: object; json?: unknown } = {}) {
  return callRoute({
    file,
    method: options.method ?? "GET",
    params: { workspaceId, ...(options.params as Record<string, string>) },
    cookie: await sessionCookie(user),
    json: options.json,
  });
}

beforeAll(async () => {
  [owner, reviewer, ana, ben, viewer] = await Promise.all(
    ["Owner", "Reviewer", "Ana Analyst", "Ben Analyst", "Viewer"].map((name) => makeUser({ name })),
  );
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: reviewer, role: "REVIEWER" },
    { user: ana, role: "ANALYST" },
    { user: ben, role: "ANALYST" },
    { user: viewer, role: "VIEWER" },
  ]);
});

describe("assigning articles", () => {
  it("assigns one article to several analysts with a due day and blind mode, notifying each", async () => {
    const articleId = await makeArticle(workspaceId, owner.id);
    const res = await call(reviewer, list, {
      method: "POST",
      json: { articleId, assigneeIds: [ana.id, ben.id], dueAt: "2026-12-24", blind: true },
    });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data).toHaveLength(2);
    expect(data[0]).toMatchObject({
      articleId,
      assignee: { id: ana.id, name: "Ana Analyst" },
      assignedBy: { id: reviewer.id },
      dueAt: "2026-12-24",
      blind: true,
      submittedAt: null,
      progress: { annotations: 0, reviewed: 0, accepted: 0, rejected: 0 },
    });
    const inbox = await (await call(ana, notifications)).json();
    expect(inbox.data[0]).toMatchObject({
      kind: "ASSIGNMENT",
      actor: { id: reviewer.id },
      articleId,
      annotationId: null,
      href: `/w/${workspaceId}/articles/${articleId}`,
    });
    const events = await db.activityEvent.findMany({ where: { workspaceId, action: "assignment.created" } });
    expect(events.filter((e) => (e.data as { articleId: string }).articleId === articleId)).toHaveLength(2);
  });

  it("refuses a second assignment of the same article to the same analyst (409), all or none", async () => {
    const articleId = await makeArticle(workspaceId, owner.id);
    expect((await call(owner, list, { method: "POST", json: { articleId, assigneeIds: [ana.id] } })).status).toBe(201);
    const again = await call(owner, list, { method: "POST", json: { articleId, assigneeIds: [ben.id, ana.id] } });
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toContain("Ana Analyst");
    expect(await db.assignment.count({ where: { articleId } })).toBe(1);
  });

  it("assigns analysts only (422), of this workspace only, on live articles only (404)", async () => {
    const articleId = await makeArticle(workspaceId, owner.id);
    const notAnalyst = await call(owner, list, { method: "POST", json: { articleId, assigneeIds: [reviewer.id] } });
    expect(notAnalyst.status).toBe(422);
    const stranger = await makeUser();
    const outsider = await call(owner, list, { method: "POST", json: { articleId, assigneeIds: [stranger.id] } });
    expect(outsider.status).toBe(422);
    const deleted = await makeArticle(workspaceId, owner.id, { deleted: true });
    const gone = await call(owner, list, { method: "POST", json: { articleId: deleted, assigneeIds: [ana.id] } });
    expect(gone.status).toBe(404);
    const badDay = await call(owner, list, {
      method: "POST",
      json: { articleId, assigneeIds: [ana.id], dueAt: "24/12/2026" },
    });
    expect(badDay.status).toBe(422);
    expect(await db.assignment.count({ where: { articleId } })).toBe(0);
  });

  it("lets analysts see only their own assignments, and nobody but leads assign (403)", async () => {
    const articleId = await makeArticle(workspaceId, owner.id);
    await call(owner, list, { method: "POST", json: { articleId, assigneeIds: [ana.id, ben.id] } });
    const anas = (await (await call(ana, list)).json()).data as { assignee: { id: string } }[];
    expect(anas.length).toBeGreaterThan(0);
    expect(anas.every((a) => a.assignee.id === ana.id)).toBe(true);
    const all = (await (await call(owner, list)).json()).data as { assignee: { id: string } }[];
    expect(all.some((a) => a.assignee.id === ben.id)).toBe(true);
    expect((await call(ana, list, { method: "POST", json: { articleId, assigneeIds: [ana.id] } })).status).toBe(403);
  });

  it("changes, removes and revives an assignment (one row per article and analyst)", async () => {
    const articleId = await makeArticle(workspaceId, owner.id);
    const [created] = (
      await (
        await call(owner, list, { method: "POST", json: { articleId, assigneeIds: [ben.id], blind: true } })
      ).json()
    ).data;
    const patched = await call(owner, one, {
      method: "PATCH",
      params: { assignmentId: created.id },
      json: { blind: false, dueAt: "2027-01-05" },
    });
    expect((await patched.json()).data).toMatchObject({ blind: false, dueAt: "2027-01-05" });
    expect((await call(owner, one, { method: "DELETE", params: { assignmentId: created.id } })).status).toBe(204);
    expect((await (await call(ben, list)).json()).data.some((a: { id: string }) => a.id === created.id)).toBe(false);
    const again = await call(owner, list, { method: "POST", json: { articleId, assigneeIds: [ben.id] } });
    expect(again.status).toBe(201);
    expect((await again.json()).data[0]).toMatchObject({ id: created.id, blind: false, dueAt: null });
    expect(await db.assignment.count({ where: { articleId } })).toBe(1);
  });
});

describe("submitting", () => {
  it("is the assignee's (or a lead's for them); another analyst gets 404, a viewer 403", async () => {
    const articleId = await makeArticle(workspaceId, owner.id);
    const [a] = (await (await call(owner, list, { method: "POST", json: { articleId, assigneeIds: [ana.id] } })).json())
      .data;
    expect((await call(ben, submit, { method: "POST", params: { assignmentId: a.id } })).status).toBe(404);
    expect((await call(viewer, submit, { method: "POST", params: { assignmentId: a.id } })).status).toBe(403);
    const done = await call(ana, submit, { method: "POST", params: { assignmentId: a.id } });
    expect(done.status).toBe(200);
    expect((await done.json()).data.submittedAt).toEqual(expect.any(String));
    expect(await db.activityEvent.count({ where: { action: "assignment.submitted", targetId: a.id } })).toBe(1);
    // Submitting twice changes nothing.
    expect((await call(ana, submit, { method: "POST", params: { assignmentId: a.id } })).status).toBe(200);
    expect(await db.activityEvent.count({ where: { action: "assignment.submitted", targetId: a.id } })).toBe(1);
  });

  it("reports progress and overdue work", async () => {
    const articleId = await makeArticle(workspaceId, owner.id);
    const [a] = (
      await (
        await call(owner, list, {
          method: "POST",
          json: { articleId, assigneeIds: [ana.id], dueAt: "2020-01-01" },
        })
      ).json()
    ).data;
    const ids = await Promise.all(
      [0, 10, 20].map((start) => makeAnnotation(workspaceId, articleId, ana.id, { start })),
    );
    await makeAnnotation(workspaceId, articleId, ben.id);
    await db.annotation.update({ where: { id: ids[0] }, data: { status: "ACCEPTED" } });
    await db.annotation.update({ where: { id: ids[1] }, data: { status: "REJECTED" } });
    const mine = (await (await call(ana, list)).json()).data.find((x: { id: string }) => x.id === a.id);
    expect(mine).toMatchObject({
      overdue: true,
      progress: { annotations: 3, reviewed: 2, accepted: 1, rejected: 1 },
    });
  });
});

describe("the dashboard", () => {
  it("aggregates per article, per analyst and per day", async () => {
    const [lead, amy, bob] = await Promise.all(["Lead", "Amy", "Bob"].map((name) => makeUser({ name })));
    const ws = await makeWorkspace([
      { user: lead, role: "OWNER" },
      { user: amy, role: "ANALYST" },
      { user: bob, role: "ANALYST" },
    ]);
    const articleId = await makeArticle(ws, lead.id);
    const person = await makeEntity(ws, { type: "Person" });
    await db.assignment.createMany({
      data: [amy, bob].map((u) => ({
        id: newId(),
        workspaceId: ws,
        articleId,
        assigneeId: u.id,
        assignedById: lead.id,
        submittedAt: u === amy ? new Date() : null,
      })),
    });
    const a1 = await makeAnnotation(ws, articleId, amy.id, { entityId: person });
    const a2 = await makeAnnotation(ws, articleId, amy.id, { start: 8 });
    await makeAnnotation(ws, articleId, bob.id, { start: 12, entityId: person });
    await db.annotation.update({ where: { id: a1 }, data: { status: "ACCEPTED" } });
    await db.annotation.update({ where: { id: a2 }, data: { status: "REJECTED" } });
    await db.activityEvent.createMany({
      data: [
        {
          id: newId(),
          workspaceId: ws,
          actorId: lead.id,
          action: "annotation.reviewed",
          data: { decision: "ACCEPTED" },
        },
        {
          id: newId(),
          workspaceId: ws,
          actorId: lead.id,
          action: "annotation.reviewed",
          data: { decision: "REJECTED" },
        },
        {
          id: newId(),
          workspaceId: ws,
          actorId: lead.id,
          action: "annotation.reviewed",
          data: { decision: "PROPOSED" },
        },
      ],
    });
    const res = await callRoute({
      file: dashboard,
      method: "GET",
      params: { workspaceId: ws },
      cookie: await sessionCookie(lead),
    });
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data.totals).toMatchObject({
      annotations: 3,
      reviewed: 2,
      accepted: 1,
      rejected: 1,
      articles: 1,
      analysts: 2,
    });
    expect(data.articles[0]).toMatchObject({
      id: articleId,
      annotations: 3,
      reviewed: 2,
      analysts: [
        { name: "Amy", submitted: true },
        { name: "Bob", submitted: false },
      ],
    });
    expect(data.analysts).toEqual([
      expect.objectContaining({ name: "Amy", annotations: 2, accepted: 1, rejected: 1, assignments: 1, submitted: 1 }),
      expect.objectContaining({ name: "Bob", annotations: 1, accepted: 0, rejected: 0, assignments: 1, submitted: 0 }),
    ]);
    const today = data.annotationsPerDay.at(-1);
    expect(today.day).toBe(new Date().toISOString().slice(0, 10));
    expect(today.counts).toEqual({ [data.types[0].id]: 2, none: 1 });
    expect(data.annotationsPerDay).toHaveLength(30);
    expect(data.reviewsPerDay.at(-1)).toEqual({ day: today.day, accepted: 1, rejected: 1 });
    // Analysts do not get the dashboard.
    const denied = await callRoute({
      file: dashboard,
      method: "GET",
      params: { workspaceId: ws },
      cookie: await sessionCookie(amy),
    });
    expect(denied.status).toBe(403);
  });
});
