import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callRoute } from "@/test/call-route";
import { currentRevision, makeArticle, makeUser, makeWorkspace, sessionCookie, type TestUser } from "@/test/factories";

// Issue 13, item 10: U+0000 and dates PostgreSQL cannot hold are bad input (422), never a 500.

const NUL = "a\u0000b";
const route = {
  workspaces: "api/workspaces/route.ts",
  workspace: "api/workspaces/[workspaceId]/route.ts",
  articles: "api/workspaces/[workspaceId]/articles/route.ts",
  article: "api/workspaces/[workspaceId]/articles/[articleId]/route.ts",
  annotations: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts",
  workspaceAnnotations: "api/workspaces/[workspaceId]/annotations/route.ts",
  entities: "api/workspaces/[workspaceId]/entities/route.ts",
  entityTypes: "api/workspaces/[workspaceId]/entity-types/route.ts",
  presence: "api/workspaces/[workspaceId]/articles/[articleId]/presence/route.ts",
  assignments: "api/workspaces/[workspaceId]/assignments/route.ts",
  reviewQueue: "api/workspaces/[workspaceId]/review-queue/route.ts",
  exportAll: "api/workspaces/[workspaceId]/export/route.ts",
  signup: "api/auth/signup/route.ts",
};

let owner: TestUser;
let analyst: TestUser;
let cookie: string;
let workspaceId: string;
let articleId: string;

beforeAll(async () => {
  owner = await makeUser();
  analyst = await makeUser();
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
  ]);
  articleId = await makeArticle(workspaceId, owner.id);
  cookie = await sessionCookie(owner);
});

async function expect422(res: Response, field?: string) {
  const body = await res.json();
  expect({ status: res.status, code: body.error?.code }).toEqual({ status: 422, code: "UNPROCESSABLE" });
  if (field) expect(Object.keys(body.error.details.fieldErrors)).toContain(field);
}

describe("U+0000 in text", () => {
  it("is refused in a workspace name, an annotation note, entity fields and a presence selection", async () => {
    await expect422(await callRoute({ file: route.workspaces, method: "POST", cookie, json: { name: NUL } }), "name");
    const revision = await currentRevision(articleId);
    await expect422(
      await callRoute({
        file: route.annotations,
        method: "POST",
        params: { workspaceId, articleId },
        cookie,
        json: { revisionId: revision.id, start: 0, end: 1, exact: revision.text.slice(0, 1), note: NUL },
      }),
      "note",
    );
    await expect422(
      await callRoute({
        file: route.entityTypes,
        method: "POST",
        params: { workspaceId },
        cookie,
        json: { name: NUL, color: "#2f55d4" },
      }),
      "name",
    );
    const typeId = (await db.entityType.findFirst({ where: { workspaceId } }))?.id ?? "none";
    await expect422(
      await callRoute({
        file: route.entities,
        method: "POST",
        params: { workspaceId },
        cookie,
        json: { name: "Ada", typeId, aliases: [NUL], description: NUL },
      }),
      "description",
    );
    await expect422(
      await callRoute({
        file: route.presence,
        method: "POST",
        params: { workspaceId, articleId },
        cookie,
        json: { connectionId: NUL, selectedAnnotationId: null },
      }),
      "connectionId",
    );
    await expect422(
      await callRoute({
        file: route.signup,
        method: "POST",
        json: { name: "A", email: `x${NUL}@example.com`, password: "long enough pw 1" },
      }),
      "email",
    );
  });

  it("is refused in search and cursor parameters", async () => {
    await expect422(
      await callRoute({ file: route.articles, method: "GET", params: { workspaceId }, cookie, search: "?q=a%00b" }),
      "q",
    );
    await expect422(
      await callRoute({
        file: route.articles,
        method: "GET",
        params: { workspaceId },
        cookie,
        search: "?cursor=a%00b",
      }),
      "cursor",
    );
    await expect422(
      await callRoute({
        file: route.workspaceAnnotations,
        method: "GET",
        params: { workspaceId },
        cookie,
        search: "?authorId=a%00b",
      }),
      "authorId",
    );
  });

  it("in a path id answers 4xx, never 500", async () => {
    for (const [file, params] of [
      [route.workspace, { workspaceId: NUL }],
      [route.article, { workspaceId, articleId: NUL }],
    ] as const) {
      const res = await callRoute({ file, method: "GET", params, cookie });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it("is refused when half of a surrogate pair", async () => {
    await expect422(
      await callRoute({ file: route.workspaces, method: "POST", cookie, json: { name: "Desk \ud83d" } }),
      "name",
    );
  });
});

describe("dates outside PostgreSQL's range", () => {
  it("are refused in publishedAt, dueAt, updatedSince, review-queue and export filters", async () => {
    await expect422(
      await callRoute({
        file: route.articles,
        method: "POST",
        params: { workspaceId },
        cookie,
        json: { text: "Some text.", publishedAt: "0000-01-01" },
      }),
      "publishedAt",
    );
    await expect422(
      await callRoute({
        file: route.assignments,
        method: "POST",
        params: { workspaceId },
        cookie,
        json: { articleId, assigneeIds: [analyst.id], dueAt: "0000-01-01" },
      }),
      "dueAt",
    );
    await expect422(
      await callRoute({
        file: route.workspaceAnnotations,
        method: "GET",
        params: { workspaceId },
        cookie,
        search: "?updatedSince=0000-01-01T00:00:00Z",
      }),
      "updatedSince",
    );
    for (const search of ["?from=0000-01-01", "?to=0000-01-01", "?from=-010000-01-01T00:00:00Z"]) {
      const res = await callRoute({ file: route.reviewQueue, method: "GET", params: { workspaceId }, cookie, search });
      expect(res.status, search).toBe(422);
    }
    await expect422(
      await callRoute({
        file: route.exportAll,
        method: "GET",
        params: { workspaceId },
        cookie,
        search: "?from=0000-01-01",
      }),
      "from",
    );
    expect(await db.article.count({ where: { workspaceId } })).toBe(1);
    expect(await db.assignment.count({ where: { workspaceId } })).toBe(0);
  });
});
