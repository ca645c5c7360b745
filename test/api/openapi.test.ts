// /api/openapi.json: a valid OpenAPI 3.1 document, generated from the zod
// schemas, that lists the public API's routes, each of which exists, and whose
// answer schemas describe what the routes really answer.
import { existsSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { dataOf, pageOf } from "@/lib/openapi/registry";
import {
  AnnotationSchema,
  ApiTokenSchema,
  ArticleListItemSchema,
  ArticleSchema,
  CreatedApiTokenSchema,
  EntitySchema,
  EntityTypeSchema,
  EntityWithMentionsSchema,
  WorkspaceSchema,
  WorkspaceSummarySchema,
} from "@/lib/openapi/schemas";
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

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { security?: unknown[]; "x-permission"?: string; parameters?: { name: string }[] }>
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

let doc: Doc;

beforeAll(async () => {
  const res = await callRoute({ file: "api/openapi.json/route.ts", method: "GET" });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  doc = await res.json();
});

describe("the document", () => {
  it("is valid OpenAPI 3.1", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("lists the public API's routes", () => {
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${p}`),
    );
    for (const expected of [
      "GET /api/workspaces",
      "GET /api/workspaces/{workspaceId}/articles",
      "GET /api/workspaces/{workspaceId}/articles/{articleId}",
      "GET /api/workspaces/{workspaceId}/annotations",
      "GET /api/workspaces/{workspaceId}/articles/{articleId}/annotations",
      "POST /api/workspaces/{workspaceId}/articles/{articleId}/annotations",
      "PATCH /api/workspaces/{workspaceId}/annotations/{annotationId}",
      "DELETE /api/workspaces/{workspaceId}/annotations/{annotationId}",
      "GET /api/workspaces/{workspaceId}/entities",
      "POST /api/workspaces/{workspaceId}/entities",
      "GET /api/workspaces/{workspaceId}/entities/{entityId}",
    ]) {
      expect(operations).toContain(expected);
    }
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearerAuth", "sessionCookie"]);
  });

  it("documents only routes that exist, with the methods they export", async () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      const file = path.join("app", p.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
      expect(existsSync(path.resolve(__dirname, "../..", file)), file).toBe(true);
      const mod = (await import(/* @vite-ignore */ path.resolve(__dirname, "../..", file))) as Record<string, unknown>;
      for (const method of Object.keys(ops))
        expect(typeof mod[method.toUpperCase()], `${method} ${p}`).toBe("function");
    }
  });

  it("names the request schemas of lib/validations as components", () => {
    for (const name of [
      "CreateAnnotation",
      "UpdateAnnotation",
      "CreateEntity",
      "CreateApiToken",
      "Annotation",
      "Error",
    ]) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
    const params = doc.paths["/api/workspaces/{workspaceId}/articles/{articleId}/annotations"].get.parameters!;
    expect(params.map((p) => p.name)).toEqual(
      expect.arrayContaining(["workspaceId", "articleId", "status", "entityTypeId", "authorId", "cursor", "limit"]),
    );
  });

  it("tells which routes take API tokens", () => {
    const tokenRoute = doc.paths["/api/workspaces/{workspaceId}/articles"].get;
    expect(tokenRoute.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    expect(tokenRoute["x-permission"]).toBe("article.list");
    expect(doc.paths["/api/workspaces/{workspaceId}/api-tokens"].post.security).toEqual([{ sessionCookie: [] }]);
  });
});

describe("the answer schemas", () => {
  let user: TestUser;
  let workspaceId: string;
  let articleId: string;
  let entityId: string;
  let token: string;

  beforeAll(async () => {
    user = await makeUser();
    workspaceId = await makeWorkspace([{ user, role: "OWNER" }]);
    articleId = await makeArticle(workspaceId, user.id, { text: "Massoud met officials in Kabul." });
    entityId = await makeEntity(workspaceId, { name: "Ahmad Massoud", aliases: ["Massoud"] });
    await makeAnnotation(workspaceId, articleId, user.id, { start: 0, length: 7, entityId });
    await makeAnnotation(workspaceId, articleId, user.id, { start: 24, length: 5 });
    const res = await callRoute({
      file: "api/workspaces/[workspaceId]/api-tokens/route.ts",
      method: "POST",
      params: { workspaceId },
      cookie: await sessionCookie(user),
      json: { name: "Schema check", scope: "READ_WRITE" },
    });
    const body = await res.json();
    expect(CreatedApiTokenSchema.safeParse(body.data).error).toBeUndefined();
    token = body.data.token;
  });

  async function expectShape(file: string, schema: z.ZodType, params: Record<string, string> = {}) {
    const res = await callRoute({ file, method: "GET", params, headers: { authorization: `Bearer ${token}` } });
    expect(res.status, file).toBe(200);
    // zod objects ignore keys they do not name: this catches documented fields that are missing or of another type.
    const parsed = schema.safeParse(await res.json());
    expect(parsed.error?.issues ?? [], file).toEqual([]);
  }

  it("describe what the routes answer", async () => {
    const ws = { workspaceId };
    await expectShape("api/workspaces/route.ts", dataOf(WorkspaceSummarySchema.array()));
    await expectShape("api/workspaces/[workspaceId]/route.ts", dataOf(WorkspaceSchema), ws);
    await expectShape("api/workspaces/[workspaceId]/articles/route.ts", pageOf(ArticleListItemSchema), ws);
    await expectShape("api/workspaces/[workspaceId]/articles/[articleId]/route.ts", dataOf(ArticleSchema), {
      workspaceId,
      articleId,
    });
    await expectShape("api/workspaces/[workspaceId]/annotations/route.ts", pageOf(AnnotationSchema), ws);
    await expectShape(
      "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts",
      pageOf(AnnotationSchema),
      {
        workspaceId,
        articleId,
      },
    );
    await expectShape("api/workspaces/[workspaceId]/entity-types/route.ts", dataOf(EntityTypeSchema.array()), ws);
    await expectShape("api/workspaces/[workspaceId]/entities/route.ts", dataOf(EntitySchema.array()), ws);
    await expectShape("api/workspaces/[workspaceId]/entities/[entityId]/route.ts", dataOf(EntityWithMentionsSchema), {
      workspaceId,
      entityId,
    });
    const tokens = await callRoute({
      file: "api/workspaces/[workspaceId]/api-tokens/route.ts",
      method: "GET",
      params: ws,
      cookie: await sessionCookie(user),
    });
    expect(dataOf(ApiTokenSchema.array()).safeParse(await tokens.json()).error).toBeUndefined();
  });
});
