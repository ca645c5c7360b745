// Every POST and PATCH route of the OpenAPI document, sent malformed bodies by
// an owner on real resources, answers 4xx: never a 5xx (issue 13). Routes are
// enumerated from the document, so a new route is fuzzed without anyone adding
// it here.
import { existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { openApiDocument } from "@/lib/openapi/document";
import { callRoute } from "@/test/call-route";
import {
  makeAnnotation,
  makeArticle,
  makeAssignment,
  makeRelation,
  makeComment,
  makeEntity,
  makeUser,
  makeWorkspace,
  sessionCookie,
  entityTypeId,
  type TestUser,
} from "@/test/factories";

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};
type Operation = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
type Case = { label: string; body: BodyInit | undefined; contentType?: string };

const FIVE_MB = "x".repeat(5 * 1024 * 1024);
const DEPTH = 10_000;
const deepArray = "[".repeat(DEPTH) + "]".repeat(DEPTH);
const deepObject = '{"a":'.repeat(DEPTH) + "1" + "}".repeat(DEPTH);
/** A document nested 10,000 deep, for the schemas that recurse into content. */
const deepDocument = '{"type":"doc","content":['.repeat(DEPTH) + '{"type":"text","text":"x"}' + "]}".repeat(DEPTH);

/** Values JSON.stringify cannot write, put in by placeholder. */
const RAW: Record<string, string> = {
  "@@NAN@@": "NaN",
  "@@INF@@": "1e999",
  "@@NINF@@": "-1e999",
  "@@DEEPA@@": deepArray,
  "@@DEEPO@@": deepObject,
  "@@DEEPD@@": deepDocument,
  "@@HUGE@@": "18446744073709551616",
};
const json = (value: unknown) => JSON.stringify(value).replace(/"(@@[A-Z]+@@)"/g, (_, key: string) => RAW[key] ?? key);

/** Malformed values for one field. */
const badValues: [string, unknown][] = [
  ["number", 123],
  ["boolean", true],
  ["null", null],
  ["array", []],
  ["object", {}],
  ["5 MB string", FIVE_MB],
  ["10,000-deep array", "@@DEEPA@@"],
  ["10,000-deep object", "@@DEEPO@@"],
  ["10,000-deep document", "@@DEEPD@@"],
  ["U+0000", "a\u0000b"],
  ["lone surrogate", "a\ud800b"],
  ["low surrogate", "\udc00"],
  ["NaN", "@@NAN@@"],
  ["Infinity", "@@INF@@"],
  ["-Infinity", "@@NINF@@"],
  ["negative", -1],
  ["2^64", "@@HUGE@@"],
  ["fraction", 0.5],
  ["year 0", "0000-01-01"],
  ["year -271821", "-271821-04-20T00:00:00Z"],
  ["year 10000", "+010000-01-01T00:00:00Z"],
];

function resolve(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): JsonSchema {
  if (!schema) return {};
  if (schema.$ref) return resolve(components[schema.$ref.split("/").pop()!], components);
  return schema;
}

/** The properties a body may have, merged over anyOf/oneOf/allOf. */
function propertiesOf(schema: JsonSchema, components: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const s = resolve(schema, components);
  const parts = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].map((p) => propertiesOf(p, components));
  return Object.assign({}, s.properties ?? {}, ...parts);
}

/** A plausible value of the field's type, so that the other fields' mutations reach their checks. */
function plausible(schema: JsonSchema, components: Record<string, JsonSchema>): unknown {
  const s = resolve(schema, components);
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === "string") return s.format === "date" ? "2026-01-01" : "x";
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return true;
  if (type === "array") return [];
  if (type === "object") return {};
  return "x";
}

function cases(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): Case[] {
  const properties = schema ? propertiesOf(schema, components) : {};
  const names = Object.keys(properties).length ? Object.keys(properties) : ["name", "text", "start", "version"];
  const base = Object.fromEntries(names.map((name) => [name, plausible(properties[name] ?? {}, components)]));
  const all = (value: unknown) => Object.fromEntries(names.map((name) => [name, value]));
  const list: Case[] = [
    { label: "empty body", body: "" },
    { label: "no body", body: undefined },
    { label: "invalid JSON", body: "{" },
    { label: "single quotes", body: "{'a': 1}" },
    { label: "trailing comma", body: '{"a": 1,}' },
    { label: "null", body: "null" },
    { label: "array", body: "[]" },
    { label: "number", body: "42" },
    { label: "string", body: '"text"' },
    { label: "true", body: "true" },
    { label: "empty object", body: "{}" },
    { label: "__proto__", body: '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {}}}' },
    { label: "10,000-deep array body", body: deepArray },
    { label: "10,000-deep object body", body: deepObject },
    { label: "5 MB string body", body: JSON.stringify(FIVE_MB) },
    { label: "NaN body", body: '{"start": NaN}' },
    { label: "invalid UTF-8", body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
    { label: "text/plain", body: json(base), contentType: "text/plain" },
    { label: "form-urlencoded", body: "name=x&text=y", contentType: "application/x-www-form-urlencoded" },
    { label: "broken multipart", body: "--x\r\nnot a part", contentType: "multipart/form-data; boundary=x" },
    { label: "no content type", body: json(base), contentType: "" },
    { label: "utf-16 charset", body: json(base), contentType: "application/json; charset=utf-16" },
    ...badValues.map(([label, value]): Case => ({ label: `every field ${label}`, body: json(all(value)) })),
    ...names.flatMap((name) =>
      badValues.map(([label, value]): Case => ({ label: `${name}: ${label}`, body: json({ ...base, [name]: value }) })),
    ),
  ];
  return list;
}

let owner: TestUser;
let params: Record<string, string>;

async function post(file: string, routeParams: Record<string, string>, body: unknown) {
  const res = await callRoute({
    file,
    method: "POST",
    params: routeParams,
    cookie: await sessionCookie(owner),
    json: body,
  });
  expect(res.status).toBeLessThan(300);
  return (await res.json()).data;
}

beforeAll(async () => {
  owner = await makeUser({ name: "Fuzz Owner" });
  const analyst = await makeUser({ name: "Fuzz Analyst" });
  const workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
  ]);
  const articleId = await makeArticle(workspaceId, owner.id, {
    text: "A title\n\nAhmad Massoud 🙂 met officials in Kabul.",
  });
  const annotationId = await makeAnnotation(workspaceId, articleId, owner.id);
  const { commentId } = await makeComment(workspaceId, owner.id, { annotationId });
  const invitation = await post(
    "api/workspaces/[workspaceId]/invitations/route.ts",
    { workspaceId },
    { role: "VIEWER" },
  );
  params = {
    workspaceId,
    articleId,
    annotationId,
    commentId,
    userId: analyst.id,
    entityId: await makeEntity(workspaceId),
    typeId: await entityTypeId(workspaceId),
    assignmentId: await makeAssignment(workspaceId, articleId, analyst.id, owner.id),
    relationId: await makeRelation(workspaceId, articleId, owner.id),
    savedSearchId: (
      await db.savedSearch.create({
        data: { id: newId(), workspaceId, userId: owner.id, name: "Fuzzed", query: "Massoud" },
      })
    ).id,
    token: new URL(invitation.url).pathname.split("/").pop()!,
    number: "1",
  };
});

describe("malformed bodies", () => {
  const document = openApiDocument();
  const components = (document.components?.schemas ?? {}) as Record<string, JsonSchema>;
  const routes = Object.entries(document.paths ?? {}).flatMap(([apiPath, item]) =>
    (["post", "patch"] as const).flatMap((method) => {
      const operation = (item as Record<string, Operation | undefined>)[method];
      return operation ? [{ apiPath, method: method.toUpperCase(), operation }] : [];
    }),
  );

  it("the document lists the routes to fuzz", () => {
    expect(routes.length).toBeGreaterThanOrEqual(30);
  });

  it.each(routes)("$method $apiPath answers 4xx to every one, never 5xx", async ({ apiPath, method, operation }) => {
    const file = `${apiPath.slice(1).replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
    expect(existsSync(path.resolve(__dirname, "..", "..", "app", file)), file).toBe(true);
    const routeParams = Object.fromEntries(
      [...apiPath.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
        expect(params[name], `a real resource for {${name}}`).toBeDefined();
        return [name, params[name]];
      }),
    );
    const content = operation.requestBody?.content ?? {};
    const list = cases(content["application/json"]?.schema, components);
    expect(list.length).toBeGreaterThanOrEqual(30);
    const serverErrors: string[] = [];
    for (const { label, body, contentType } of list) {
      const headers: Record<string, string> = {};
      if (contentType !== "") headers["content-type"] = contentType ?? "application/json";
      const res = await callRoute({
        file,
        method,
        params: routeParams,
        cookie: await sessionCookie(owner),
        body,
        headers,
      });
      if (res.status >= 500) serverErrors.push(`${label}: ${res.status} ${(await res.text()).slice(0, 200)}`);
      else await res.body?.cancel();
    }
    expect(serverErrors).toEqual([]);
  });
});
