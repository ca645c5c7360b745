// Sessions are rows: the session token names one (sid), every request checks
// it, and signing out deletes it, so an old cookie stops working at once.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { callRoute } from "@/test/call-route";
import {
  commentBody,
  currentRevision,
  makeAnnotation,
  makeArticle,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const workspaces = "api/workspaces/route.ts";
const workspace = "api/workspaces/[workspaceId]/route.ts";
const annotations = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts";
const comments = "api/workspaces/[workspaceId]/annotations/[annotationId]/comments/route.ts";
const signOut = "api/auth/[...nextauth]/route.ts";
const tokens = "api/workspaces/[workspaceId]/api-tokens/route.ts";

let analyst: TestUser;
let workspaceId: string;
let articleId: string;
let annotationId: string;

beforeAll(async () => {
  analyst = await makeUser();
  workspaceId = await makeWorkspace([{ user: analyst, role: "ANALYST" }]);
  articleId = await makeArticle(workspaceId, analyst.id);
  annotationId = await makeAnnotation(workspaceId, articleId, analyst.id);
});

/** Every way a cookie is checked: a user route, a workspace read, a one-statement write, a comment. */
async function statuses(cookie: string) {
  const revision = await currentRevision(articleId);
  return {
    user: (await callRoute({ file: workspaces, method: "GET", cookie })).status,
    read: (await callRoute({ file: workspace, method: "GET", params: { workspaceId }, cookie })).status,
    write: (
      await callRoute({
        file: annotations,
        method: "POST",
        params: { workspaceId, articleId },
        cookie,
        json: { revisionId: revision.id, start: 0, end: 1, exact: revision.text.slice(0, 1) },
      })
    ).status,
    comment: (
      await callRoute({
        file: comments,
        method: "POST",
        params: { workspaceId, annotationId },
        cookie,
        json: { body: commentBody("Still here?") },
      })
    ).status,
  };
}

const signedOut = { user: 401, read: 401, write: 401, comment: 401 };

describe("signing out ends the session on the server", () => {
  it("after POST /api/auth/signout the old cookie neither reads nor writes", async () => {
    const cookie = await sessionCookie(analyst);
    expect(await statuses(cookie)).toEqual({ user: 200, read: 200, write: 201, comment: 201 });
    // In-process next-auth cannot answer (it reads next/headers); the session ends before it is called.
    await callRoute({
      file: signOut,
      method: "POST",
      params: { nextauth: "signout" },
      cookie,
      body: "csrfToken=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }).catch(() => undefined);
    expect(await statuses(cookie)).toEqual(signedOut);
  });

  it("signing out ends only that session", async () => {
    const [mine, other] = [await sessionCookie(analyst), await sessionCookie(analyst)];
    const { sid } = (await decodeSessionToken(mine.split("=")[1]))!;
    await db.session.delete({ where: { id: sid } });
    expect(await statuses(mine)).toEqual(signedOut);
    expect((await callRoute({ file: workspaces, method: "GET", cookie: other })).status).toBe(200);
  });

  it("a session past its end is signed out even while its cookie is fresh", async () => {
    const cookie = await sessionCookie(analyst);
    const { sid } = (await decodeSessionToken(cookie.split("=")[1]))!;
    await db.session.update({ where: { id: sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await statuses(cookie)).toEqual(signedOut);
  });
});

describe("signing out everywhere and changing the password revoke API tokens too", () => {
  async function tokenStatus(token: string) {
    return (
      await callRoute({
        file: workspace,
        method: "GET",
        params: { workspaceId },
        headers: { authorization: `Bearer ${token}` },
      })
    ).status;
  }
  async function newToken(cookie: string) {
    const res = await callRoute({
      file: tokens,
      method: "POST",
      params: { workspaceId },
      cookie,
      json: { name: "Script", scope: "READ" },
    });
    expect(res.status).toBe(201);
    return ((await res.json()).data as { token: string }).token;
  }

  it("sign out everywhere", async () => {
    const user = await makeUser();
    await db.membership.create({ data: { id: `m-${user.id}`, workspaceId, userId: user.id, role: "ANALYST" } });
    const cookie = await sessionCookie(user);
    const token = await newToken(cookie);
    expect(await tokenStatus(token)).toBe(200);
    expect((await callRoute({ file: "api/account/sessions/route.ts", method: "DELETE", cookie })).status).toBe(200);
    expect(await tokenStatus(token)).toBe(401);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("password change", async () => {
    const email = `pw-${Math.random().toString(36).slice(2)}@test.marginalia.local`;
    const signup = await callRoute({
      file: "api/auth/signup/route.ts",
      method: "POST",
      json: { name: "Pat", email, password: "a-long-enough-secret" },
    });
    expect(signup.status).toBe(201);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    await db.membership.create({ data: { id: `m-${user.id}`, workspaceId, userId: user.id, role: "ANALYST" } });
    const cookie = await sessionCookie(user);
    const token = await newToken(cookie);
    const res = await callRoute({
      file: "api/account/password/route.ts",
      method: "POST",
      cookie,
      json: { currentPassword: "a-long-enough-secret", newPassword: "brand-new-secret-1" },
    });
    expect(res.status).toBe(200);
    expect(await tokenStatus(token)).toBe(401);
  });
});
