// /api/openapi.json: a valid OpenAPI 3.1 document, generated from the zod
// schemas, that lists the public API's routes, each of which exists, and whose
// answer schemas describe what the routes really answer.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { openApiDocumentBytes } from "@/lib/openapi/document";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { dataOf, pageOf } from "@/lib/openapi/registry";
import {
  ActivityItemSchema,
  AgreementSchema,
  AnnotationSchema,
  ApiTokenSchema,
  ArticleListItemSchema,
  ArticleSchema,
  AssignmentSchema,
  CreatedApiTokenSchema,
  CooccurrencePassagesSchema,
  CreatedInvitationSchema,
  CurationAnnotationsSchema,
  CurationResultSchema,
  DashboardSchema,
  EntityNetworkSchema,
  EntitySchema,
  EntityTypeSchema,
  EntityWithMentionsSchema,
  ImportReportSchema,
  InvitationSchema,
  MemberSchema,
  NotificationSchema,
  ReviewQueueItemSchema,
  RevisionSummarySchema,
  SuggestionsSchema,
  ThreadSchema,
  ThreadSummarySchema,
  WorkspaceSchema,
  WorkspaceSummarySchema,
} from "@/lib/openapi/schemas";
import { exportMediaTypes } from "@/lib/export";
import { exportFormats } from "@/lib/validations/export";
import { callRoute } from "@/test/call-route";
import {
  currentRevision,
  makeAnnotation,
  makeArticle,
  makeComment,
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
    Record<
      string,
      {
        security?: unknown[];
        "x-permission"?: string;
        parameters?: { name: string; in: string }[];
        requestBody?: { content: Record<string, unknown> };
        responses: Record<string, { content?: Record<string, unknown> }>;
      }
    >
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
  it("is sent as bytes encoded once per process and never gzipped by the route (the web server compresses answers)", async () => {
    const first = await callRoute({
      file: "api/openapi.json/route.ts",
      method: "GET",
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    // A body gzipped here would be gzipped again by scripts/compress-responses.mjs: clients would read gzip bytes as JSON.
    expect(first.headers.get("content-encoding")).toBeNull();
    expect(await first.json()).toEqual(doc);
    expect(openApiDocumentBytes()).toBe(openApiDocumentBytes());
  });

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

  it("documents every route of app/api, with each method it exports", async () => {
    const root = path.resolve(__dirname, "../..");
    const files = readdirSync(path.join(root, "app/api"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith("route.ts"))
      // next-auth's own sign-in routes are not part of the API (POST /api/auth/signup is).
      .filter((f) => !f.startsWith(path.join("auth", "[...nextauth]")));
    expect(files.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const file of files) {
      const apiPath = `/api/${path.dirname(file).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
      const mod = (await import(/* @vite-ignore */ path.join(root, "app/api", file))) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        if (typeof mod[method] === "function" && !doc.paths[apiPath]?.[method.toLowerCase()])
          missing.push(`${method} ${apiPath}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("lists the media types the downloads and uploads really use", () => {
    const articleExport = doc.paths["/api/workspaces/{workspaceId}/articles/{articleId}/export"].get;
    // One per media type: the CSV and its relations file are both text/csv.
    const mediaTypes = new Set(exportFormats.map((f) => (f === "brat" ? "application/zip" : exportMediaTypes[f])));
    expect(Object.keys(articleExport.responses["200"].content!).sort()).toEqual([...mediaTypes].sort());
    expect(articleExport.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(["format", "status", "entityTypeId", "authorId", "from", "to"]),
    );
    // The path names the article: no articleId in its query.
    expect(articleExport.parameters!.filter((p) => p.in === "query").map((p) => p.name)).not.toContain("articleId");
    expect(Object.keys(doc.paths["/api/workspaces/{workspaceId}/export"].get.responses["200"].content!)).toEqual([
      "application/zip",
    ]);
    const upload = doc.paths["/api/workspaces/{workspaceId}/articles/{articleId}/annotations/import"].post;
    expect(Object.keys(upload.requestBody!.content)).toEqual(
      expect.arrayContaining(["multipart/form-data", "application/ld+json", "application/zip", "text/plain"]),
    );
    expect(upload.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(["preview", "keepOrphans", "typeMap"]),
    );
  });

  it("names the request schemas of lib/validations as components", () => {
    for (const name of [
      "CreateAnnotation",
      "UpdateAnnotation",
      "CreateEntity",
      "CreateApiToken",
      "CreateAssignments",
      "UpdateAssignment",
      "Assignment",
      "Dashboard",
      "ImportReport",
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
  let analyst: TestUser;
  let workspaceId: string;
  let articleId: string;
  let entityId: string;
  let token: string;

  beforeAll(async () => {
    user = await makeUser();
    analyst = await makeUser();
    workspaceId = await makeWorkspace([
      { user, role: "OWNER" },
      { user: analyst, role: "ANALYST" },
    ]);
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

  async function expectAnswer(res: Response, status: number, schema: z.ZodType) {
    expect(res.status).toBe(status);
    const parsed = schema.safeParse(await res.json());
    expect(parsed.error?.issues ?? []).toEqual([]);
  }

  const bearer = () => ({ authorization: `Bearer ${token}` });

  it("describe what the assignment and dashboard routes answer", async () => {
    const file = "api/workspaces/[workspaceId]/assignments/route.ts";
    const created = await callRoute({
      file,
      method: "POST",
      params: { workspaceId },
      headers: bearer(),
      json: { articleId, assigneeIds: [analyst.id], dueAt: "2026-12-01", blind: true },
    });
    const assignment = (await created.clone().json()).data[0];
    await expectAnswer(created, 201, dataOf(AssignmentSchema.array()));
    const one = { workspaceId, assignmentId: assignment.id };
    await expectAnswer(
      await callRoute({ file, method: "GET", params: { workspaceId }, headers: bearer() }),
      200,
      dataOf(AssignmentSchema.array()),
    );
    await expectAnswer(
      await callRoute({
        file: "api/workspaces/[workspaceId]/assignments/[assignmentId]/route.ts",
        method: "PATCH",
        params: one,
        headers: bearer(),
        json: { dueAt: null },
      }),
      200,
      dataOf(AssignmentSchema),
    );
    for (const method of ["POST", "DELETE"]) {
      await expectAnswer(
        await callRoute({
          file: "api/workspaces/[workspaceId]/assignments/[assignmentId]/submit/route.ts",
          method,
          params: one,
          headers: bearer(),
        }),
        200,
        dataOf(AssignmentSchema),
      );
    }
    await expectAnswer(
      await callRoute({
        file: "api/workspaces/[workspaceId]/dashboard/route.ts",
        method: "GET",
        params: { workspaceId },
        headers: bearer(),
      }),
      200,
      dataOf(DashboardSchema),
    );
  });

  it("describe the exports' media types and the import report", async () => {
    const params = { workspaceId, articleId };
    const documented =
      doc.paths["/api/workspaces/{workspaceId}/articles/{articleId}/export"].get.responses["200"].content!;
    let w3c = "";
    for (const format of exportFormats) {
      const res = await callRoute({
        file: "api/workspaces/[workspaceId]/articles/[articleId]/export/route.ts",
        method: "GET",
        params,
        search: `?format=${format}`,
        headers: bearer(),
      });
      expect(res.status, format).toBe(200);
      expect(Object.keys(documented), format).toContain(res.headers.get("content-type"));
      const body = await res.text();
      if (format === "w3c") w3c = body;
    }
    const zip = await callRoute({
      file: "api/workspaces/[workspaceId]/export/route.ts",
      method: "GET",
      params: { workspaceId },
      search: "?format=csv",
      headers: bearer(),
    });
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    await zip.arrayBuffer();

    const text = await callRoute({
      file: "api/workspaces/[workspaceId]/articles/[articleId]/revisions/[number]/text/route.ts",
      method: "GET",
      params: { ...params, number: "1" },
      headers: bearer(),
    });
    expect(text.status).toBe(200);
    expect(
      Object.keys(
        doc.paths["/api/workspaces/{workspaceId}/articles/{articleId}/revisions/{number}/text"].get.responses["200"]
          .content!,
      ),
    ).toContain(text.headers.get("content-type"));
    expect(await text.text()).toBe((await currentRevision(articleId)).text);

    // The article's own W3C export, imported back: a preview (200), then a commit (201) of nothing new.
    const importFile = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/import/route.ts";
    const preview = await callRoute({
      file: importFile,
      method: "POST",
      params,
      search: "?preview=1",
      headers: { ...bearer(), "content-type": "application/ld+json" },
      body: w3c,
    });
    const report = (await preview.clone().json()).data;
    await expectAnswer(preview, 200, dataOf(ImportReportSchema));
    expect(report).toMatchObject({ committed: false, format: "w3c", total: 2, duplicates: 2 });
    const form = new FormData();
    form.set("file", new File([w3c], "annotations.jsonld", { type: "application/ld+json" }));
    const commit = await callRoute({ file: importFile, method: "POST", params, headers: bearer(), body: form });
    await expectAnswer(commit, 201, dataOf(ImportReportSchema));
  });

  it("describe what the collaboration routes answer", async () => {
    const ws = { workspaceId };
    const { annotationId } = await makeComment(workspaceId, user.id, { text: "Which Massoud?" });
    await expectShape("api/workspaces/[workspaceId]/members/route.ts", dataOf(MemberSchema.array()), ws);
    await expectShape(
      "api/workspaces/[workspaceId]/articles/[articleId]/revisions/route.ts",
      dataOf(RevisionSummarySchema.array()),
      { workspaceId, articleId },
    );
    await expectShape(
      "api/workspaces/[workspaceId]/annotations/[annotationId]/comments/route.ts",
      dataOf(ThreadSchema),
      {
        workspaceId,
        annotationId,
      },
    );
    await expectShape(
      "api/workspaces/[workspaceId]/articles/[articleId]/threads/route.ts",
      dataOf(ThreadSummarySchema.array()),
      { workspaceId, articleId },
    );
    await expectShape(
      "api/workspaces/[workspaceId]/review-queue/route.ts",
      pageOf(ReviewQueueItemSchema).extend({ total: z.number().int() }),
      ws,
    );
    await expectShape(
      "api/workspaces/[workspaceId]/notifications/route.ts",
      dataOf(NotificationSchema.array()).extend({ unreadCount: z.number().int() }),
      ws,
    );
    const invitation = await callRoute({
      file: "api/workspaces/[workspaceId]/invitations/route.ts",
      method: "POST",
      params: ws,
      headers: bearer(),
      json: { role: "ANALYST" },
    });
    await expectAnswer(invitation, 201, dataOf(CreatedInvitationSchema));
    await expectShape("api/workspaces/[workspaceId]/invitations/route.ts", dataOf(InvitationSchema.array()), ws);
    await expectShape("api/workspaces/[workspaceId]/activity/route.ts", pageOf(ActivityItemSchema), ws);
    await expectShape(
      "api/workspaces/[workspaceId]/articles/[articleId]/suggestions/route.ts",
      dataOf(SuggestionsSchema),
      {
        workspaceId,
        articleId,
      },
    );
  });

  it("describe what the agreement and curation routes answer", async () => {
    const params = { workspaceId, articleId };
    const theirs = await makeAnnotation(workspaceId, articleId, analyst.id, { start: 0, length: 7 });
    const pick = `?analyst=${user.id}&analyst=${analyst.id}`;
    const agreement = await callRoute({
      file: "api/workspaces/[workspaceId]/articles/[articleId]/agreement/route.ts",
      method: "GET",
      params,
      search: pick,
      headers: bearer(),
    });
    expect(agreement.headers.get("content-type")).toContain("application/json");
    const report = (await agreement.clone().json()).data.report;
    await expectAnswer(agreement, 200, dataOf(AgreementSchema));
    // The route orders analysts its own way (by name); which two matters here.
    expect([...report.annotators].sort()).toEqual([user.id, analyst.id].sort());
    const csv = await callRoute({
      file: "api/workspaces/[workspaceId]/articles/[articleId]/agreement/route.ts",
      method: "GET",
      params,
      search: `${pick}&format=csv`,
      headers: bearer(),
    });
    expect(csv.status).toBe(200);
    expect(
      Object.keys(
        doc.paths["/api/workspaces/{workspaceId}/articles/{articleId}/agreement"].get.responses["200"].content!,
      ),
    ).toContain(csv.headers.get("content-type"));
    await csv.text();
    await expectShape(
      "api/workspaces/[workspaceId]/articles/[articleId]/curation/route.ts",
      dataOf(CurationAnnotationsSchema),
      params,
    );
    await expectAnswer(
      await callRoute({
        file: "api/workspaces/[workspaceId]/articles/[articleId]/curation/route.ts",
        method: "POST",
        params,
        headers: bearer(),
        json: { items: [{ id: theirs, version: 1, decision: "ACCEPTED" }] },
      }),
      200,
      dataOf(CurationResultSchema),
    );
  });

  it("describe what the entity network routes answer", async () => {
    const kabul = await makeEntity(workspaceId, { name: "Kabul" });
    await makeAnnotation(workspaceId, articleId, user.id, { start: 25, length: 5, entityId: kabul });
    const network = await callRoute({
      file: "api/workspaces/[workspaceId]/entity-network/route.ts",
      method: "GET",
      params: { workspaceId },
      headers: bearer(),
    });
    const edges = (await network.clone().json()).data.edges;
    await expectAnswer(network, 200, dataOf(EntityNetworkSchema));
    expect(edges).toHaveLength(1);
    const passages = await callRoute({
      file: "api/workspaces/[workspaceId]/entity-network/passages/route.ts",
      method: "GET",
      params: { workspaceId },
      search: `?source=${entityId}&target=${kabul}`,
      headers: bearer(),
    });
    const total = (await passages.clone().json()).data.total;
    await expectAnswer(passages, 200, dataOf(CooccurrencePassagesSchema));
    expect(total).toBe(1);
  });
});

describe("Idempotency-Key in the OpenAPI document", () => {
  it("documents the header on every creating route that honours it", () => {
    for (const path of [
      "/api/workspaces/{workspaceId}/articles/{articleId}/annotations",
      "/api/workspaces/{workspaceId}/articles/{articleId}/annotations/batch",
      "/api/workspaces/{workspaceId}/annotations/{annotationId}/comments",
      "/api/workspaces/{workspaceId}/articles/{articleId}/annotations/import",
      "/api/workspaces/{workspaceId}/articles/clip",
    ]) {
      const header = doc.paths[path].post.parameters?.find((p) => p.name === "Idempotency-Key");
      expect(header, path).toMatchObject({ in: "header" });
    }
  });
});
