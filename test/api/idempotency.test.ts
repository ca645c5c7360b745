import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callRoute } from "@/test/call-route";
import {
  commentBody,
  currentRevision,
  makeArticle,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const annotations = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts";
const batch = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/batch/route.ts";
const comments = "api/workspaces/[workspaceId]/annotations/[annotationId]/comments/route.ts";

let analyst: TestUser;
let other: TestUser;
let workspaceId: string;

beforeAll(async () => {
  analyst = await makeUser({ name: "Analyst" });
  other = await makeUser({ name: "Other" });
  workspaceId = await makeWorkspace([
    { user: analyst, role: "ANALYST" },
    { user: other, role: "ANALYST" },
  ]);
});

async function highlight(articleId: string, key: string | null, user = analyst) {
  const revision = await currentRevision(articleId);
  const start = 1;
  return callRoute({
    file: annotations,
    method: "POST",
    params: { workspaceId, articleId },
    cookie: await sessionCookie(user),
    headers: key ? { "Idempotency-Key": key } : {},
    json: { revisionId: revision.id, start, end: start + 3, exact: revision.text.slice(start, start + 3) },
  });
}

describe("Idempotency-Key", () => {
  it("answers a repeated highlight with the first annotation instead of creating another", async () => {
    const articleId = await makeArticle(workspaceId, analyst.id);
    const first = await highlight(articleId, "action-1");
    const again = await highlight(articleId, "action-1");
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect((await again.json()).data.id).toBe((await first.json()).data.id);
    expect(await db.annotation.count({ where: { articleId } })).toBe(1);
    // Keys are per user: someone else's same key is another action.
    expect((await highlight(articleId, "action-1", other)).status).toBe(201);
    expect(await db.annotation.count({ where: { articleId } })).toBe(2);
  });

  it("creates once when the same key arrives many times at once", async () => {
    const articleId = await makeArticle(workspaceId, analyst.id);
    const answers = await Promise.all(Array.from({ length: 6 }, () => highlight(articleId, "burst")));
    const ids = new Set<string>();
    for (const answer of answers) {
      expect(answer.status).toBe(201);
      ids.add((await answer.json()).data.id);
    }
    expect(ids.size).toBe(1);
    expect(await db.annotation.count({ where: { articleId } })).toBe(1);
  });

  it("covers batches and comments, refuses a key reused for another request and a malformed key", async () => {
    const articleId = await makeArticle(workspaceId, analyst.id);
    const revision = await currentRevision(articleId);
    const cookie = await sessionCookie(analyst);
    const items = [{ revisionId: revision.id, start: 0, end: 5, exact: revision.text.slice(0, 5) }];
    const post = () =>
      callRoute({
        file: batch,
        method: "POST",
        params: { workspaceId, articleId },
        cookie,
        headers: { "Idempotency-Key": "batch-1" },
        json: { items },
      });
    const [a, b] = [await post(), await post()];
    const created = (await a.json()).data;
    expect((await b.json()).data).toEqual(created);
    expect(await db.annotation.count({ where: { articleId } })).toBe(1);

    const comment = () =>
      callRoute({
        file: comments,
        method: "POST",
        params: { workspaceId, annotationId: created[0].id },
        cookie,
        headers: { "Idempotency-Key": "comment-1" },
        json: { body: commentBody("Once.") },
      });
    const [c1, c2] = await Promise.all([comment(), comment()]);
    expect([c1.status, c2.status]).toEqual([201, 201]);
    expect((await c2.json()).data.id).toBe((await c1.json()).data.id);
    expect(await db.comment.count({ where: { annotationId: created[0].id } })).toBe(1);

    const reused = await highlight(articleId, "batch-1");
    expect(reused.status).toBe(422);
    expect((await reused.json()).error.message).toMatch(/another request/);
    expect((await highlight(articleId, "bad key with spaces")).status).toBe(400);
    // Without a key, every request creates.
    expect((await highlight(articleId, null)).status).toBe(201);
  });
});

describe("Idempotency-Key expiry", () => {
  it("creates again with a key older than 24 hours, and clears the user's expired keys", async () => {
    const articleId = await makeArticle(workspaceId, analyst.id);
    expect((await highlight(articleId, "old-key")).status).toBe(201);
    await db.idempotencyKey.updateMany({
      where: { userId: analyst.id },
      data: { createdAt: new Date(Date.now() - 25 * 3_600_000) },
    });
    const again = await highlight(articleId, "old-key");
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBeNull();
    expect(await db.annotation.count({ where: { articleId, deletedAt: null } })).toBe(2);
    // (Two on one span by one author: one goes, as the hidden-duplicate check requires.)
    await db.annotation.update({ where: { id: (await again.json()).data.id }, data: { deletedAt: new Date() } });
    // Only the key just claimed is left of the analyst's keys.
    expect(await db.idempotencyKey.findMany({ where: { userId: analyst.id }, select: { key: true } })).toEqual([
      { key: "old-key" },
    ]);
  });
});
