// Cross-site request forgery: cookie-authenticated writes are refused when a
// browser says another origin made them, and JSON bodies must say they are
// JSON; API tokens, which no browser sends by itself, are not affected.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callRoute } from "@/test/call-route";
import { makeArticle, makeUser, makeWorkspace, sessionCookie, type TestUser } from "@/test/factories";

const workspaces = "api/workspaces/route.ts";
const articles = "api/workspaces/[workspaceId]/articles/route.ts";
const article = "api/workspaces/[workspaceId]/articles/[articleId]/route.ts";
const tokens = "api/workspaces/[workspaceId]/api-tokens/route.ts";

let owner: TestUser;
let cookie: string;
let workspaceId: string;

beforeAll(async () => {
  owner = await makeUser();
  cookie = await sessionCookie(owner);
  workspaceId = await makeWorkspace([{ user: owner, role: "OWNER" }]);
});

const createWorkspace = (headers: Record<string, string>, name: string, body?: string) =>
  callRoute({
    file: workspaces,
    method: "POST",
    cookie,
    ...(body === undefined ? { json: { name } } : { body }),
    headers,
  });

const workspacesNamed = (name: string) => db.workspace.count({ where: { name } });

describe("cookie-authenticated writes from another origin", () => {
  it("a DELETE with a foreign Origin answers 403 and deletes nothing", async () => {
    const articleId = await makeArticle(workspaceId, owner.id);
    const res = await callRoute({
      file: article,
      method: "DELETE",
      params: { workspaceId, articleId },
      cookie,
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("FORBIDDEN");
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).deletedAt).toBeNull();
  });

  it.each<[Record<string, string>, string]>([
    [{ "sec-fetch-site": "same-site", origin: "http://localhost:4000" }, "another port of the same host"],
    [{ "sec-fetch-site": "cross-site" }, "Sec-Fetch-Site: cross-site"],
    [{ "sec-fetch-site": "same-site" }, "Sec-Fetch-Site: same-site"],
    [{ origin: "http://localhost:4000" }, "an Origin on another port"],
    [{ origin: "null" }, "Origin: null"],
  ])("a POST with %j (%s) answers 403 and creates nothing", async (headers) => {
    const name = `csrf-${Math.random().toString(36).slice(2)}`;
    const res = await createWorkspace(headers, name);
    expect(res.status).toBe(403);
    expect(await workspacesNamed(name)).toBe(0);
  });

  it("a multipart upload from another origin answers 403", async () => {
    const form = new FormData();
    form.set("text", "A title\n\nSome text.");
    const res = await callRoute({
      file: articles,
      method: "POST",
      params: { workspaceId },
      cookie,
      body: form,
      headers: { "sec-fetch-site": "same-site", origin: "http://localhost:4000" },
    });
    expect(res.status).toBe(403);
  });

  it("the app's own origin, and clients that send neither header, still write", async () => {
    const same = `same-${Math.random().toString(36).slice(2)}`;
    expect(
      (await createWorkspace({ origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }, same)).status,
    ).toBe(201);
    const script = `script-${Math.random().toString(36).slice(2)}`;
    expect((await createWorkspace({}, script)).status).toBe(201);
    const form = new FormData();
    form.set("text", "A title\n\nSome text.");
    const upload = await callRoute({
      file: articles,
      method: "POST",
      params: { workspaceId },
      cookie,
      body: form,
      headers: { "sec-fetch-site": "same-origin", origin: "http://localhost:3000" },
    });
    expect(upload.status).toBe(201);
  });
});

describe("JSON bodies must be sent as JSON", () => {
  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""])(
    "a JSON body sent as %j answers 415 and creates nothing",
    async (contentType) => {
      const name = `plain-${Math.random().toString(36).slice(2)}`;
      const res = await createWorkspace(contentType ? { "content-type": contentType } : {}, name, `{"name":"${name}"}`);
      expect(res.status).toBe(415);
      expect((await res.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(await workspacesNamed(name)).toBe(0);
    },
  );

  it("application/json with a charset is JSON", async () => {
    const name = `charset-${Math.random().toString(36).slice(2)}`;
    const res = await createWorkspace(
      { "content-type": "application/json; charset=utf-8" },
      name,
      JSON.stringify({ name }),
    );
    expect(res.status).toBe(201);
  });
});

describe("API tokens are not affected", () => {
  it("a bearer request with a foreign Origin and Sec-Fetch-Site still writes", async () => {
    const created = await callRoute({
      file: tokens,
      method: "POST",
      params: { workspaceId },
      cookie,
      json: { name: "Script", scope: "READ_WRITE" },
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()).data as { token: string };
    const articleId = await makeArticle(workspaceId, owner.id);
    const res = await callRoute({
      file: article,
      method: "DELETE",
      params: { workspaceId, articleId },
      headers: { authorization: `Bearer ${token}`, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(res.status).toBe(204);
  });
});
