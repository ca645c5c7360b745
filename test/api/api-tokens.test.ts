// Personal API tokens: `Authorization: Bearer` through withAuth, scoped to
// one workspace, read or read-write, revocable at once, never more than the
// owner's role allows.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callRoute } from "@/test/call-route";
import {
  currentRevision,
  makeAnnotation,
  makeArticle,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const tokens = "api/workspaces/[workspaceId]/api-tokens/route.ts";
const accountTokens = "api/account/api-tokens/route.ts";
const revokeRoute = "api/account/api-tokens/[tokenId]/route.ts";
const workspaces = "api/workspaces/route.ts";
const articles = "api/workspaces/[workspaceId]/articles/route.ts";
const article = "api/workspaces/[workspaceId]/articles/[articleId]/route.ts";
const annotations = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts";
const batch = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/batch/route.ts";
const annotation = "api/workspaces/[workspaceId]/annotations/[annotationId]/route.ts";
const entities = "api/workspaces/[workspaceId]/entities/route.ts";
const member = "api/workspaces/[workspaceId]/members/[userId]/route.ts";

const TEXT = "Ahmad Massoud met officials in Kabul.\n\nLater, Massoud 🙂 flew to Dushanbe. Massoud said little.";

let owner: TestUser;
let analyst: TestUser;
let workspaceA: string;
let workspaceB: string;
let articleA: string;
let articleB: string;

beforeAll(async () => {
  [owner, analyst] = await Promise.all([makeUser({ name: "Owner" }), makeUser({ name: "Analyst" })]);
  workspaceA = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
  ]);
  // The analyst is a member of B too: a token of A must still not reach it.
  workspaceB = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
  ]);
  articleA = await makeArticle(workspaceA, owner.id, { text: TEXT });
  articleB = await makeArticle(workspaceB, owner.id, { text: TEXT });
});

async function newToken(user: TestUser, workspaceId: string, scope: "READ" | "READ_WRITE", name = "Script") {
  const res = await callRoute({
    file: tokens,
    method: "POST",
    params: { workspaceId },
    cookie: await sessionCookie(user),
    json: { name, scope },
  });
  expect(res.status).toBe(201);
  const { data } = await res.json();
  return data as { id: string; token: string; prefix: string; scope: string; name: string };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function createWith(token: string, workspaceId: string, articleId: string, start = 0, end = 5) {
  const revision = await currentRevision(articleId);
  return callRoute({
    file: annotations,
    method: "POST",
    params: { workspaceId, articleId },
    headers: bearer(token),
    json: { revisionId: revision.id, start, end, exact: revision.text.slice(start, end) },
  });
}

describe("creating and listing tokens", () => {
  it("shows the secret once and stores only its hash", async () => {
    const created = await newToken(analyst, workspaceA, "READ", "Nightly export");
    expect(created.token).toMatch(/^mrg_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).not.toContain(created.token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.createdById).toBe(analyst.id);

    const listed = await callRoute({
      file: tokens,
      method: "GET",
      params: { workspaceId: workspaceA },
      cookie: await sessionCookie(analyst),
    });
    const text = await listed.text();
    expect(text).toContain("Nightly export");
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(row.tokenHash);
    // Another member does not see it.
    const others = await callRoute({
      file: tokens,
      method: "GET",
      params: { workspaceId: workspaceA },
      cookie: await sessionCookie(owner),
    });
    expect((await others.json()).data.map((t: { id: string }) => t.id)).not.toContain(created.id);
  });

  it("validates the name and scope", async () => {
    const res = await callRoute({
      file: tokens,
      method: "POST",
      params: { workspaceId: workspaceA },
      cookie: await sessionCookie(analyst),
      json: { name: " ", scope: "ADMIN" },
    });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(Object.keys(error.details.fieldErrors).sort()).toEqual(["name", "scope"]);
  });

  it("a token can neither mint tokens nor reach account routes", async () => {
    const { token } = await newToken(analyst, workspaceA, "READ_WRITE");
    const mint = await callRoute({
      file: tokens,
      method: "POST",
      params: { workspaceId: workspaceA },
      headers: bearer(token),
      json: { name: "Child", scope: "READ_WRITE" },
    });
    expect(mint.status).toBe(403);
    const list = await callRoute({ file: accountTokens, method: "GET", headers: bearer(token) });
    expect(list.status).toBe(403);
    // The live stream rechecks the session cookie while open: session only.
    const events = await callRoute({
      file: "api/workspaces/[workspaceId]/events/route.ts",
      method: "GET",
      params: { workspaceId: workspaceA },
      headers: bearer(token),
    });
    expect(events.status).toBe(403);
  });
});

describe("a read token", () => {
  it("reads workspaces, articles with text, annotations and entities", async () => {
    const { token } = await newToken(analyst, workspaceA, "READ");
    const ws = await callRoute({ file: workspaces, method: "GET", headers: bearer(token) });
    expect(ws.status).toBe(200);
    // Only the token's own workspace, though the analyst belongs to two.
    expect((await ws.json()).data.map((w: { id: string }) => w.id)).toEqual([workspaceA]);

    const list = await callRoute({
      file: articles,
      method: "GET",
      params: { workspaceId: workspaceA },
      headers: bearer(token),
    });
    expect(list.status).toBe(200);
    const one = await callRoute({
      file: article,
      method: "GET",
      params: { workspaceId: workspaceA, articleId: articleA },
      headers: bearer(token),
    });
    expect(one.status).toBe(200);
    expect(JSON.stringify(await one.json())).toContain("Dushanbe");

    const anns = await callRoute({
      file: annotations,
      method: "GET",
      params: { workspaceId: workspaceA, articleId: articleA },
      headers: bearer(token),
    });
    expect(anns.status).toBe(200);
    const ents = await callRoute({
      file: entities,
      method: "GET",
      params: { workspaceId: workspaceA },
      headers: bearer(token),
    });
    expect(ents.status).toBe(200);
  });

  it("cannot write (403), on the one-statement create path too", async () => {
    const { token } = await newToken(analyst, workspaceA, "READ");
    const before = await db.annotation.count({ where: { articleId: articleA } });
    const create = await createWith(token, workspaceA, articleA);
    expect(create.status).toBe(403);
    expect((await create.json()).error.code).toBe("FORBIDDEN");
    const revision = await currentRevision(articleA);
    const many = await callRoute({
      file: batch,
      method: "POST",
      params: { workspaceId: workspaceA, articleId: articleA },
      headers: bearer(token),
      json: { items: [{ revisionId: revision.id, start: 0, end: 5, exact: revision.text.slice(0, 5) }] },
    });
    expect(many.status).toBe(403);
    expect(await db.annotation.count({ where: { articleId: articleA } })).toBe(before);

    const id = await makeAnnotation(workspaceA, articleA, analyst.id);
    const patch = await callRoute({
      file: annotation,
      method: "PATCH",
      params: { workspaceId: workspaceA, annotationId: id },
      headers: bearer(token),
      json: { version: 1, note: "no" },
    });
    expect(patch.status).toBe(403);
    const del = await callRoute({
      file: annotation,
      method: "DELETE",
      params: { workspaceId: workspaceA, annotationId: id },
      headers: bearer(token),
    });
    expect(del.status).toBe(403);
    expect((await db.annotation.findUniqueOrThrow({ where: { id } })).deletedAt).toBeNull();
  });
});

describe("a read-write token", () => {
  it("creates, updates and deletes annotations as its owner", async () => {
    const { token } = await newToken(analyst, workspaceA, "READ_WRITE");
    const create = await createWith(token, workspaceA, articleA, 6, 13);
    expect(create.status).toBe(201);
    const { data } = await create.json();
    expect(data.exact).toBe("Massoud");
    expect(data.author.id).toBe(analyst.id);

    const patch = await callRoute({
      file: annotation,
      method: "PATCH",
      params: { workspaceId: workspaceA, annotationId: data.id },
      headers: bearer(token),
      json: { version: data.version, note: "From a script" },
    });
    expect(patch.status).toBe(200);
    expect((await patch.json()).data.note).toBe("From a script");

    const del = await callRoute({
      file: annotation,
      method: "DELETE",
      params: { workspaceId: workspaceA, annotationId: data.id },
      headers: bearer(token),
    });
    expect(del.status).toBe(204);
  });

  it("answers the create path's ordinary errors once it has checked the token (a stale revision: 409)", async () => {
    const { token } = await newToken(analyst, workspaceA, "READ_WRITE");
    const res = await callRoute({
      file: annotations,
      method: "POST",
      params: { workspaceId: workspaceA, articleId: articleA },
      headers: bearer(token),
      json: { revisionId: "not-the-revision", start: 0, end: 5, exact: "Ahmad" },
    });
    expect(res.status).toBe(409);
  });

  it("of workspace A gets 404 in workspace B, though its owner is a member of B", async () => {
    const { token } = await newToken(analyst, workspaceA, "READ_WRITE");
    for (const res of [
      await callRoute({ file: articles, method: "GET", params: { workspaceId: workspaceB }, headers: bearer(token) }),
      await callRoute({
        file: article,
        method: "GET",
        params: { workspaceId: workspaceB, articleId: articleB },
        headers: bearer(token),
      }),
      await createWith(token, workspaceB, articleB),
    ]) {
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("NOT_FOUND");
    }
    expect(await db.annotation.count({ where: { articleId: articleB } })).toBe(0);
  });

  it("may do no more than its owner's current role", async () => {
    const viewer = await makeUser({ name: "Later viewer" });
    await db.membership.create({
      data: { id: `m-${viewer.id}`, workspaceId: workspaceA, userId: viewer.id, role: "ANALYST" },
    });
    const { token } = await newToken(viewer, workspaceA, "READ_WRITE");
    expect((await createWith(token, workspaceA, articleA, 14, 17)).status).toBe(201);
    const demote = await callRoute({
      file: member,
      method: "PATCH",
      params: { workspaceId: workspaceA, userId: viewer.id },
      cookie: await sessionCookie(owner),
      json: { role: "VIEWER" },
    });
    expect(demote.status).toBe(200);
    const denied = await createWith(token, workspaceA, articleA, 18, 27);
    expect(denied.status).toBe(403);

    // Removal revokes the member's tokens for good.
    const remove = await callRoute({
      file: member,
      method: "DELETE",
      params: { workspaceId: workspaceA, userId: viewer.id },
      cookie: await sessionCookie(owner),
    });
    expect(remove.status).toBe(204);
    const gone = await callRoute({
      file: articles,
      method: "GET",
      params: { workspaceId: workspaceA },
      headers: bearer(token),
    });
    expect(gone.status).toBe(401);
  });
});

describe("revocation and bad tokens", () => {
  it("a revoked token gets 401 on the very next request", async () => {
    const { id, token } = await newToken(analyst, workspaceA, "READ_WRITE");
    const ok = await callRoute({
      file: articles,
      method: "GET",
      params: { workspaceId: workspaceA },
      headers: bearer(token),
    });
    expect(ok.status).toBe(200);
    const revoke = await callRoute({
      file: revokeRoute,
      method: "DELETE",
      params: { tokenId: id },
      cookie: await sessionCookie(analyst),
    });
    expect(revoke.status).toBe(200);
    expect((await revoke.json()).data.revokedAt).not.toBeNull();
    const read = await callRoute({
      file: articles,
      method: "GET",
      params: { workspaceId: workspaceA },
      headers: bearer(token),
    });
    expect(read.status).toBe(401);
    expect((await read.json()).error.code).toBe("UNAUTHENTICATED");
    const write = await createWith(token, workspaceA, articleA);
    expect(write.status).toBe(401);
  });

  it("only its owner may revoke a token", async () => {
    const { id, token } = await newToken(analyst, workspaceA, "READ");
    const res = await callRoute({
      file: revokeRoute,
      method: "DELETE",
      params: { tokenId: id },
      cookie: await sessionCookie(owner),
    });
    expect(res.status).toBe(404);
    const still = await callRoute({
      file: articles,
      method: "GET",
      params: { workspaceId: workspaceA },
      headers: bearer(token),
    });
    expect(still.status).toBe(200);
  });

  it("unknown, malformed and empty bearer tokens get 401, never the session's answer", async () => {
    const cookie = await sessionCookie(analyst);
    for (const authorization of ["Bearer mrg_nope", "Bearer", "Bearer something-else", "bearer  "]) {
      const res = await callRoute({
        file: articles,
        method: "GET",
        params: { workspaceId: workspaceA },
        headers: { authorization },
        cookie,
      });
      expect(res.status, authorization).toBe(401);
    }
  });

  it("records when a token was last used, at most once a minute", async () => {
    const { id, token } = await newToken(analyst, workspaceA, "READ");
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeNull();
    await callRoute({ file: articles, method: "GET", params: { workspaceId: workspaceA }, headers: bearer(token) });
    const first = (await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(first).not.toBeNull();
    expect(Math.abs(first!.getTime() - Date.now())).toBeLessThan(60_000);
    await callRoute({ file: articles, method: "GET", params: { workspaceId: workspaceA }, headers: bearer(token) });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(first);
  });
});

describe("annotation pages", () => {
  it("walks an article's annotations with cursor and limit", async () => {
    const articleId = await makeArticle(workspaceA, owner.id, { text: TEXT });
    for (let start = 0; start < 25; start += 5)
      await makeAnnotation(workspaceA, articleId, analyst.id, { start, length: 3 });
    const { token } = await newToken(analyst, workspaceA, "READ");
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await callRoute({
        file: annotations,
        method: "GET",
        params: { workspaceId: workspaceA, articleId },
        headers: bearer(token),
        search: `?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      });
      expect(res.status).toBe(200);
      const body: { data: { start: number }[]; nextCursor: string | null } = await res.json();
      seen.push(...body.data.map((a) => a.start));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([0, 5, 10, 15, 20]);
  });

  it("walks the workspace's annotations across articles, filtered, with cursor and limit", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const workspaceId = await makeWorkspace([
      { user, role: "OWNER" },
      { user: other, role: "ANALYST" },
    ]);
    const first = await makeArticle(workspaceId, user.id, { text: TEXT });
    const second = await makeArticle(workspaceId, user.id, { text: TEXT });
    const gone = await makeArticle(workspaceId, user.id, { text: TEXT, deleted: true });
    const mine = [];
    for (const articleId of [first, second, first]) mine.push(await makeAnnotation(workspaceId, articleId, user.id));
    const theirs = await makeAnnotation(workspaceId, second, other.id, { start: 10 });
    await makeAnnotation(workspaceId, gone, user.id);
    await makeAnnotation(workspaceId, first, user.id, { start: 20, deleted: true });
    const { token } = await newToken(user, workspaceId, "READ");
    const page = async (search: string) => {
      const res = await callRoute({
        file: "api/workspaces/[workspaceId]/annotations/route.ts",
        method: "GET",
        params: { workspaceId },
        headers: bearer(token),
        search,
      });
      expect(res.status, search).toBe(200);
      return (await res.json()) as { data: { id: string; articleId: string }[]; nextCursor: string | null };
    };
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const body = await page(`?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      all.push(...body.data.map((a) => a.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(all.sort()).toEqual([...mine, theirs].sort());
    expect((await page(`?authorId=${other.id}`)).data.map((a) => a.id)).toEqual([theirs]);
    expect((await page(`?articleId=${second}`)).data.map((a) => a.articleId)).toEqual([second, second]);
    expect((await page(`?updatedSince=${new Date(Date.now() + 60_000).toISOString()}`)).data).toEqual([]);
    const bad = await callRoute({
      file: "api/workspaces/[workspaceId]/annotations/route.ts",
      method: "GET",
      params: { workspaceId },
      headers: bearer(token),
      search: "?updatedSince=yesterday&limit=0",
    });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.details.fieldErrors).sort()).toEqual(["limit", "updatedSince"]);
  });
});
