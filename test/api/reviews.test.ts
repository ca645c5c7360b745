import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { paragraphAround } from "@/lib/server/reviews/find-review-queue";
import { callRoute } from "@/test/call-route";
import { makeAnnotation, makeArticle, makeUser, makeWorkspace, sessionCookie, type TestUser } from "@/test/factories";

const one = "api/workspaces/[workspaceId]/annotations/[annotationId]/review/route.ts";
const batch = "api/workspaces/[workspaceId]/annotations/review/route.ts";
const queue = "api/workspaces/[workspaceId]/review-queue/route.ts";

const TEXT = "First paragraph about Massoud.\n\nSecond paragraph: Saleh met Massoud in Dushanbe.\n\nThird.";

let owner: TestUser;
let reviewer: TestUser;
let analyst: TestUser;
let workspaceId: string;
let articleId: string;

beforeAll(async () => {
  [owner, reviewer, analyst] = await Promise.all(
    ["Owner", "Rui Reviewer", "Ana Analyst"].map((name) => makeUser({ name })),
  );
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: reviewer, role: "REVIEWER" },
    { user: analyst, role: "ANALYST" },
  ]);
  articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
});

/** A highlight of `quote`; on a fresh copy of the article when the author already has that one (no duplicates). */
const highlight = async (authorId = analyst.id, quote = "Saleh") => {
  const start = TEXT.indexOf(quote);
  const taken = await db.annotation.count({
    where: { articleId, authorId, start, end: start + quote.length, deletedAt: null },
  });
  const target = taken ? await makeArticle(workspaceId, owner.id, { text: TEXT }) : articleId;
  return makeAnnotation(workspaceId, target, authorId, { start, length: quote.length });
};

async function review(user: TestUser, annotationId: string, body: Record<string, unknown>) {
  return callRoute({
    file: one,
    method: "POST",
    params: { workspaceId, annotationId },
    cookie: await sessionCookie(user),
    json: body,
  });
}

describe("reviewing an annotation", () => {
  it("accepts: status, reviewer, version, activity, a REVIEW notification to the author and a live event", async () => {
    const id = await highlight();
    const res = await review(reviewer, id, { version: 1, decision: "ACCEPTED" });
    expect(res.status).toBe(200);
    expect((await res.json()).data).toMatchObject({ id, status: "ACCEPTED", version: 2 });
    const row = await db.annotation.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ reviewedById: reviewer.id, rejectionReason: null });
    expect(row.reviewedAt).not.toBeNull();
    expect(await db.notification.findFirst({ where: { annotationId: id } })).toMatchObject({
      recipientId: analyst.id,
      kind: "REVIEW",
      actorId: reviewer.id,
      commentId: null,
    });
    expect(await db.activityEvent.findFirst({ where: { targetId: id, action: "annotation.reviewed" } })).toMatchObject({
      actorId: reviewer.id,
      data: expect.objectContaining({ decision: "ACCEPTED" }),
    });
    const event = await db.liveEvent.findFirst({
      where: { articleId, type: "annotation.changed" },
      orderBy: { seq: "desc" },
    });
    expect(event?.data).toEqual({ annotationIds: [id] });
  });

  it("rejects only with a reason, which is posted to the thread and linked from the notification", async () => {
    const id = await highlight();
    const missing = await review(reviewer, id, { version: 1, decision: "REJECTED" });
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.details.fieldErrors.reason).toEqual(["Say why it is rejected."]);
    const res = await review(owner, id, { version: 1, decision: "REJECTED", reason: "Not a person: a place." });
    expect((await res.json()).data.status).toBe("REJECTED");
    const comment = await db.comment.findFirstOrThrow({ where: { annotationId: id } });
    expect(comment).toMatchObject({ authorId: owner.id, text: "Rejected: Not a person: a place." });
    const notification = await db.notification.findFirstOrThrow({ where: { annotationId: id, kind: "REVIEW" } });
    expect(notification.commentId).toBe(comment.id);
  });

  it("answers 409 for a stale version and undoes a decision with PROPOSED", async () => {
    const id = await highlight();
    await review(reviewer, id, { version: 1, decision: "ACCEPTED" });
    const stale = await review(owner, id, { version: 1, decision: "REJECTED", reason: "x" });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.details.current).toEqual([{ id, version: 2 }]);
    const undo = await review(reviewer, id, { version: 2, decision: "PROPOSED" });
    expect((await undo.json()).data).toMatchObject({ status: "PROPOSED", version: 3 });
    expect(await db.annotation.findUniqueOrThrow({ where: { id } })).toMatchObject({
      reviewedAt: null,
      reviewedById: null,
    });
  });

  it("keeps reviewers from deciding on their own annotations unless the workspace allows self-review", async () => {
    const id = await highlight(reviewer.id);
    const res = await review(reviewer, id, { version: 1, decision: "ACCEPTED" });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/another reviewer or an owner/);
    await db.workspace.update({ where: { id: workspaceId }, data: { selfReviewAllowed: true } });
    try {
      expect((await review(reviewer, id, { version: 1, decision: "ACCEPTED" })).status).toBe(200);
    } finally {
      await db.workspace.update({ where: { id: workspaceId }, data: { selfReviewAllowed: false } });
    }
  });

  it("decides on a batch all or none", async () => {
    const [a, b] = [await highlight(), await highlight()];
    await review(owner, b, { version: 1, decision: "ACCEPTED" });
    const res = await callRoute({
      file: batch,
      method: "POST",
      params: { workspaceId },
      cookie: await sessionCookie(reviewer),
      json: {
        items: [
          { id: a, version: 1 },
          { id: b, version: 1 },
        ],
        decision: "REJECTED",
        reason: "Duplicates.",
      },
    });
    expect(res.status).toBe(409);
    expect((await db.annotation.findUniqueOrThrow({ where: { id: a } })).status).toBe("PROPOSED");
    expect(await db.comment.count({ where: { annotationId: a } })).toBe(0);
    const ok = await callRoute({
      file: batch,
      method: "POST",
      params: { workspaceId },
      cookie: await sessionCookie(reviewer),
      json: {
        items: [
          { id: a, version: 1 },
          { id: b, version: 2 },
        ],
        decision: "REJECTED",
        reason: "Duplicates.",
      },
    });
    expect((await ok.json()).data.map((x: { status: string }) => x.status)).toEqual(["REJECTED", "REJECTED"]);
  });
});

describe("the review queue", () => {
  it("lists undecided annotations oldest first with their paragraph, and filters", async () => {
    const fresh = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const a = await makeAnnotation(workspaceId, fresh, analyst.id, { start: TEXT.indexOf("Saleh"), length: 5 });
    const b = await makeAnnotation(workspaceId, fresh, reviewer.id, { start: 0, length: 5 });
    const res = await callRoute({
      file: queue,
      method: "GET",
      params: { workspaceId },
      cookie: await sessionCookie(reviewer),
      search: `?articleId=${fresh}`,
    });
    const body = await res.json();
    expect(body.total).toBe(2);
    expect(body.data.map((x: { id: string }) => x.id)).toEqual([a, b]);
    expect(body.data[0]).toMatchObject({
      article: { id: fresh },
      comments: 0,
      context: { text: "Second paragraph: Saleh met Massoud in Dushanbe.", start: 18, end: 23 },
    });
    const byAuthor = await callRoute({
      file: queue,
      method: "GET",
      params: { workspaceId },
      cookie: await sessionCookie(reviewer),
      search: `?articleId=${fresh}&authorId=${reviewer.id}`,
    });
    expect((await byAuthor.json()).data.map((x: { id: string }) => x.id)).toEqual([b]);
  });

  it("cuts long paragraphs around the highlight", () => {
    const long = `${"a".repeat(2000)} target ${"b".repeat(2000)}`;
    const start = long.indexOf("target");
    const ctx = paragraphAround(long, start, start + 6);
    expect(ctx.text.slice(ctx.start, ctx.end)).toBe("target");
    expect(ctx).toMatchObject({ clippedStart: true, clippedEnd: true });
    expect(ctx.text.length).toBeLessThan(1300);
  });
});
