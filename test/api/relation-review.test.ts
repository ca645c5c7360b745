// Relations on the review side: the relation review queue, relation counts on
// the dashboard, curation of the analysts' relation differences.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { pageOf } from "@/lib/openapi/registry";
import { RelationReviewQueueItemSchema } from "@/lib/openapi/schemas";
import { createWorkspace } from "@/lib/server/workspaces/create-workspace";
import { callRoute } from "@/test/call-route";
import { currentRevision, makeArticle, makeAssignment, makeUser, sessionCookie, type TestUser } from "@/test/factories";

const R = {
  queue: "api/workspaces/[workspaceId]/relation-review-queue/route.ts",
  review: "api/workspaces/[workspaceId]/relations/[relationId]/review/route.ts",
  relations: "api/workspaces/[workspaceId]/articles/[articleId]/relations/route.ts",
  annotations: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts",
  dashboard: "api/workspaces/[workspaceId]/dashboard/route.ts",
  relationCuration: "api/workspaces/[workspaceId]/articles/[articleId]/relation-curation/route.ts",
};

const TEXT =
  "Ahmad Massoud leads the National Resistance Front from Panjshir.\n\n" +
  "Amrullah Saleh met Ahmad Massoud in Dushanbe.\n\n" +
  "The front said it would keep fighting.";

let owner: TestUser;
let reviewer: TestUser;
let analyst: TestUser;
let other: TestUser;
let workspaceId: string;
let types: Record<string, string>;
let entityTypes: Record<string, string>;

const as = async (user: TestUser) => ({ cookie: await sessionCookie(user) });

/** Highlights `quote` (its nth copy) as `user`, tagged to a new entity of `typeName`. */
async function annotate(user: TestUser, articleId: string, quote: string, typeName: string, nth = 0) {
  const revision = await currentRevision(articleId);
  let start = -1;
  for (let i = 0; i <= nth; i++) start = revision.text.indexOf(quote, start + 1);
  const entity = await db.entity.create({
    data: {
      id: `e${Math.random().toString(36).slice(2, 14)}`,
      workspaceId,
      typeId: entityTypes[typeName],
      name: quote,
      aliases: [],
    },
  });
  const res = await callRoute({
    file: R.annotations,
    method: "POST",
    params: { workspaceId, articleId },
    ...(await as(user)),
    json: { revisionId: revision.id, start, end: start + quote.length, exact: quote, entityId: entity.id },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).data.id as string;
}

async function link(user: TestUser, articleId: string, sourceId: string, targetId: string, type: string) {
  const res = await callRoute({
    file: R.relations,
    method: "POST",
    params: { workspaceId, articleId },
    ...(await as(user)),
    json: { sourceId, targetId, typeId: types[type] },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).data as { id: string; version: number };
}

async function queue(user: TestUser, search = "") {
  return callRoute({ file: R.queue, method: "GET", params: { workspaceId }, ...(await as(user)), search });
}

async function review(user: TestUser, relationId: string, json: Record<string, unknown>) {
  return callRoute({ file: R.review, method: "POST", params: { workspaceId, relationId }, ...(await as(user)), json });
}

beforeAll(async () => {
  [owner, reviewer, analyst, other] = await Promise.all(
    ["Owner", "Rui Reviewer", "Ana Analyst", "Olu Other"].map((name) => makeUser({ name })),
  );
  ({ id: workspaceId } = await createWorkspace({ userId: owner.id, name: "Relation review" }));
  await db.membership.createMany({
    data: [
      { user: reviewer, role: "REVIEWER" as const },
      { user: analyst, role: "ANALYST" as const },
      { user: other, role: "ANALYST" as const },
    ].map(({ user, role }) => ({
      id: `m${Math.random().toString(36).slice(2, 14)}`,
      workspaceId,
      userId: user.id,
      role,
    })),
  });
  types = Object.fromEntries((await db.relationType.findMany({ where: { workspaceId } })).map((t) => [t.name, t.id]));
  entityTypes = Object.fromEntries(
    (await db.entityType.findMany({ where: { workspaceId } })).map((t) => [t.name, t.id]),
  );
});

describe("the relation review queue", () => {
  it("pages through proposed relations oldest first, with both ends and their paragraphs, filtered", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const massoud = await annotate(analyst, articleId, "Ahmad Massoud", "Person");
    const front = await annotate(analyst, articleId, "National Resistance Front", "Organization");
    const saleh = await annotate(analyst, articleId, "Amrullah Saleh", "Person");
    const leads = await link(analyst, articleId, massoud, front, "leads");
    const met = await link(analyst, articleId, saleh, massoud, "met with");

    const res = await queue(reviewer, `?articleId=${articleId}&limit=1`);
    expect(res.status).toBe(200);
    const body = await res.json();
    pageOf(RelationReviewQueueItemSchema).extend({ total: z.number().int() }).parse(body);
    expect(body.total).toBe(2);
    expect(body.data).toHaveLength(1);
    const [first] = body.data;
    expect(first).toMatchObject({
      id: leads.id,
      status: "PROPOSED",
      type: { name: "leads", directed: true },
      source: { id: massoud, exact: "Ahmad Massoud", entity: { name: "Ahmad Massoud" } },
      target: { id: front, exact: "National Resistance Front" },
      article: { id: articleId },
      author: { id: analyst.id },
    });
    // Both ends share the first paragraph: each context holds it and marks its own end.
    const paragraph = TEXT.split("\n\n")[0];
    expect(first.sourceContext.text).toBe(paragraph);
    expect(first.sourceContext.text.slice(first.sourceContext.start, first.sourceContext.end)).toBe("Ahmad Massoud");
    expect(first.targetContext.text.slice(first.targetContext.start, first.targetContext.end)).toBe(
      "National Resistance Front",
    );
    const next = await (await queue(reviewer, `?articleId=${articleId}&limit=1&cursor=${body.nextCursor}`)).json();
    expect(next.data.map((r: { id: string }) => r.id)).toEqual([met.id]);
    expect(next.nextCursor).toBeNull();

    const byType = await (await queue(reviewer, `?articleId=${articleId}&relationTypeId=${types["met with"]}`)).json();
    expect(byType.data.map((r: { id: string }) => r.id)).toEqual([met.id]);
    const byAuthor = await (await queue(reviewer, `?articleId=${articleId}&authorId=${other.id}`)).json();
    expect(byAuthor.total).toBe(0);

    // Accept one, reject the other with its reason: they leave the undecided queue and show under their status.
    expect((await review(reviewer, leads.id, { version: 1, decision: "ACCEPTED" })).status).toBe(200);
    expect((await review(reviewer, met.id, { version: 1, decision: "REJECTED" })).status).toBe(422);
    expect(
      (await review(reviewer, met.id, { version: 1, decision: "REJECTED", reason: "Not in this text." })).status,
    ).toBe(200);
    expect((await (await queue(reviewer, `?articleId=${articleId}`)).json()).total).toBe(0);
    const rejected = await (await queue(reviewer, `?articleId=${articleId}&status=REJECTED`)).json();
    expect(rejected.data).toMatchObject([{ id: met.id, rejectionReason: "Not in this text.", version: 2 }]);
    // A decision at a version no longer current is a 409.
    expect((await review(reviewer, leads.id, { version: 1, decision: "REJECTED", reason: "No." })).status).toBe(409);
  });

  it("is for reviewers and owners; a reviewer's own relations need someone else unless self-review is allowed", async () => {
    expect((await queue(analyst)).status).toBe(403);
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const a = await annotate(reviewer, articleId, "Ahmad Massoud", "Person");
    const b = await annotate(reviewer, articleId, "National Resistance Front", "Organization");
    const own = await link(reviewer, articleId, a, b, "leads");
    const listed = await (await queue(reviewer, `?articleId=${articleId}`)).json();
    expect(listed.data.map((r: { id: string }) => r.id)).toEqual([own.id]);
    expect((await review(reviewer, own.id, { version: 1, decision: "ACCEPTED" })).status).toBe(403);
    await db.workspace.update({ where: { id: workspaceId }, data: { selfReviewAllowed: true } });
    try {
      expect((await review(reviewer, own.id, { version: 1, decision: "ACCEPTED" })).status).toBe(200);
    } finally {
      await db.workspace.update({ where: { id: workspaceId }, data: { selfReviewAllowed: false } });
    }
  });

  it("answers 422 to a bad filter, never 500", async () => {
    expect((await queue(reviewer, "?status=MAYBE")).status).toBe(422);
    expect((await queue(reviewer, "?limit=0")).status).toBe(422);
  });
});

describe("relations on the dashboard", () => {
  it("counts live relations exactly, by status, type and analyst; only for reviewers and owners", async () => {
    const { id: ws } = await createWorkspace({ userId: owner.id, name: "Dashboard relations" });
    const saved = workspaceId;
    workspaceId = ws;
    const savedTypes = types;
    const savedEntityTypes = entityTypes;
    try {
      await db.membership.createMany({
        data: [
          { id: `m${Math.random().toString(36).slice(2, 14)}`, workspaceId, userId: reviewer.id, role: "REVIEWER" },
          { id: `m${Math.random().toString(36).slice(2, 14)}`, workspaceId, userId: analyst.id, role: "ANALYST" },
          { id: `m${Math.random().toString(36).slice(2, 14)}`, workspaceId, userId: other.id, role: "ANALYST" },
        ],
      });
      types = Object.fromEntries(
        (await db.relationType.findMany({ where: { workspaceId } })).map((t) => [t.name, t.id]),
      );
      entityTypes = Object.fromEntries(
        (await db.entityType.findMany({ where: { workspaceId } })).map((t) => [t.name, t.id]),
      );
      const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
      const a = {
        massoud: await annotate(analyst, articleId, "Ahmad Massoud", "Person"),
        front: await annotate(analyst, articleId, "National Resistance Front", "Organization"),
        saleh: await annotate(analyst, articleId, "Amrullah Saleh", "Person"),
      };
      const b = {
        massoud: await annotate(other, articleId, "Ahmad Massoud", "Person"),
        front: await annotate(other, articleId, "National Resistance Front", "Organization"),
      };
      const leads = await link(analyst, articleId, a.massoud, a.front, "leads");
      const met = await link(analyst, articleId, a.saleh, a.massoud, "met with");
      await link(other, articleId, b.massoud, b.front, "leads");
      const member = await link(other, articleId, b.massoud, b.front, "member of");
      expect((await review(reviewer, leads.id, { version: 1, decision: "ACCEPTED" })).status).toBe(200);
      expect((await review(reviewer, met.id, { version: 1, decision: "REJECTED", reason: "No." })).status).toBe(200);
      // A deleted relation and one on a deleted article are not counted.
      await db.relation.update({ where: { id: member.id }, data: { deletedAt: new Date() } });
      const gone = await makeArticle(workspaceId, owner.id, { text: TEXT });
      await link(
        analyst,
        gone,
        await annotate(analyst, gone, "Ahmad Massoud", "Person"),
        await annotate(analyst, gone, "National Resistance Front", "Organization"),
        "leads",
      );
      await db.article.update({ where: { id: gone }, data: { deletedAt: new Date() } });

      const res = await callRoute({
        file: R.dashboard,
        method: "GET",
        params: { workspaceId },
        ...(await as(reviewer)),
      });
      expect(res.status).toBe(200);
      const { relations } = (await res.json()).data;
      expect(relations.totals).toEqual({ relations: 3, proposed: 1, accepted: 1, rejected: 1 });
      const byType = Object.fromEntries(
        relations.types.map(
          (t: { name: string; relations: number; proposed: number; accepted: number; rejected: number }) => [
            t.name,
            [t.relations, t.proposed, t.accepted, t.rejected],
          ],
        ),
      );
      expect(byType).toMatchObject({ leads: [2, 1, 1, 0], "met with": [1, 0, 0, 1], "member of": [0, 0, 0, 0] });
      expect(relations.analysts).toEqual([
        { id: analyst.id, name: "Ana Analyst", relations: 2, proposed: 0, accepted: 1, rejected: 1 },
        { id: other.id, name: "Olu Other", relations: 1, proposed: 1, accepted: 0, rejected: 0 },
      ]);
      const forbidden = await callRoute({
        file: R.dashboard,
        method: "GET",
        params: { workspaceId },
        ...(await as(analyst)),
      });
      expect(forbidden.status).toBe(403);
    } finally {
      workspaceId = saved;
      types = savedTypes;
      entityTypes = savedEntityTypes;
    }
  });
});

describe("curation of relation differences", () => {
  it("lists the analysts' relations; a decision keeps one analyst's version and rejects the other, recorded and kept", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    for (const user of [analyst, other])
      await makeAssignment(workspaceId, articleId, user.id, owner.id, { blind: true });
    const mark = async (user: TestUser) => ({
      massoud: await annotate(user, articleId, "Ahmad Massoud", "Person"),
      front: await annotate(user, articleId, "National Resistance Front", "Organization"),
    });
    const a = await mark(analyst);
    const b = await mark(other);
    const mine = await link(analyst, articleId, a.massoud, a.front, "leads");
    const theirs = await link(other, articleId, b.massoud, b.front, "member of");
    const params = { workspaceId, articleId };

    const read = await callRoute({
      file: R.relationCuration,
      method: "GET",
      params,
      ...(await as(reviewer)),
      search: `?analyst=${analyst.id}&analyst=${other.id}`,
    });
    expect(read.status).toBe(200);
    const { data } = await read.json();
    expect(data.analysts.map((x: { id: string }) => x.id).sort()).toEqual([analyst.id, other.id].sort());
    expect(data.relations.map((r: { id: string }) => r.id)).toEqual([mine.id, theirs.id]);
    expect(data.relations[0]).toMatchObject({
      authorId: analyst.id,
      type: { name: "leads", directed: true },
      source: { id: a.massoud, exact: "Ahmad Massoud" },
      target: { id: a.front },
      status: "PROPOSED",
      version: 1,
    });

    const apply = async (user: TestUser, items: unknown[]) =>
      callRoute({ file: R.relationCuration, method: "POST", params, ...(await as(user)), json: { items } });
    expect((await apply(analyst, [{ id: mine.id, version: 1, decision: "ACCEPTED" }])).status).toBe(403);
    // Stale versions: nothing is written.
    const stale = await apply(reviewer, [
      { id: mine.id, version: 1, decision: "ACCEPTED" },
      { id: theirs.id, version: 7, decision: "REJECTED" },
    ]);
    expect(stale.status).toBe(409);
    expect((await db.relation.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("PROPOSED");

    const res = await apply(reviewer, [
      { id: mine.id, version: 1, decision: "ACCEPTED" },
      { id: theirs.id, version: 1, decision: "REJECTED" },
    ]);
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).data).toEqual({
      accepted: 1,
      rejected: 1,
      relations: [
        { id: mine.id, status: "ACCEPTED", version: 2 },
        { id: theirs.id, status: "REJECTED", version: 2 },
      ],
    });
    expect(await db.relation.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
      status: "REJECTED",
      rejectionReason: "Not chosen in curation.",
      reviewedById: reviewer.id,
    });
    const events = await db.activityEvent.findMany({
      where: { workspaceId, action: "relation.reviewed", targetId: { in: [mine.id, theirs.id] } },
    });
    expect(events.map((e) => e.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ decision: "ACCEPTED", curated: true }),
        expect.objectContaining({ decision: "REJECTED", curated: true }),
      ]),
    );
    expect(
      await db.activityEvent.findFirst({ where: { targetId: articleId, action: "article.curated" } }),
    ).toMatchObject({ actorId: reviewer.id, data: expect.objectContaining({ kind: "relations", accepted: 1 }) });
    // Kept: read again, the statuses carry the decision.
    const again = await (
      await callRoute({ file: R.relationCuration, method: "GET", params, ...(await as(reviewer)) })
    ).json();
    expect(again.data.relations.map((r: { status: string }) => r.status)).toEqual(["ACCEPTED", "REJECTED"]);
  });
});
