// What caches may keep: API JSON never; a revision's text only with a
// revalidation that checks access again.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callRoute } from "@/test/call-route";
import { makeArticle, makeUser, makeWorkspace, sessionCookie, type TestUser } from "@/test/factories";

const revisionText = "api/workspaces/[workspaceId]/articles/[articleId]/revisions/[number]/text/route.ts";

let owner: TestUser;
let reader: TestUser;
let workspaceId: string;
let articleId: string;

beforeAll(async () => {
  [owner, reader] = await Promise.all([makeUser(), makeUser()]);
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: reader, role: "VIEWER" },
  ]);
  articleId = await makeArticle(workspaceId, owner.id);
});

describe("API JSON answers are never stored", () => {
  it.each([
    ["a list", { file: "api/workspaces/route.ts", method: "GET" }, 200],
    ["a workspace", { file: "api/workspaces/[workspaceId]/route.ts", method: "GET" }, 200],
    [
      "a 404",
      { file: "api/workspaces/[workspaceId]/articles/[articleId]/route.ts", method: "GET", missing: true },
      404,
    ],
    ["a write", { file: "api/workspaces/route.ts", method: "POST", json: { name: "Cached?" } }, 201],
  ] as const)("%s", async (_label, route, status) => {
    const res = await callRoute({
      file: route.file,
      method: route.method,
      params: { workspaceId, articleId: "missing" in route ? "nope" : articleId },
      cookie: await sessionCookie(owner),
      json: "json" in route ? route.json : undefined,
    });
    expect(res.status).toBe(status);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("a 401", async () => {
    const res = await callRoute({ file: "api/workspaces/route.ts", method: "GET" });
    expect(res.status).toBe(401);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("a revision's text", () => {
  const get = async (user: TestUser, headers: Record<string, string> = {}) =>
    callRoute({
      file: revisionText,
      method: "GET",
      params: { workspaceId, articleId, number: "1" },
      cookie: await sessionCookie(user),
      headers,
    });

  it("is revalidated on every use, costs a 304 when unchanged, and is refused once access is lost", async () => {
    const first = await get(reader);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);

    const again = await get(reader, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    await db.membership.deleteMany({ where: { workspaceId, userId: reader.id } });
    expect((await get(reader, { "if-none-match": etag })).status).toBe(404);
  });
});
