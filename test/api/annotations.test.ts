import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callRoute } from "@/test/call-route";
import {
  currentRevision,
  makeArticle,
  makeEntity,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const list = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts";
const one = "api/workspaces/[workspaceId]/annotations/[annotationId]/route.ts";
const restore = "api/workspaces/[workspaceId]/annotations/[annotationId]/restore/route.ts";

const TEXT = "Ahmad Massoud met officials.\n\nLater, Massoud 🙂 flew to Dushanbe. Massoud said little.";

let owner: TestUser;
let analyst: TestUser;
let otherAnalyst: TestUser;
let viewer: TestUser;
let workspaceId: string;
let articleId: string;
let revision: { id: string; text: string };

beforeAll(async () => {
  [owner, analyst, otherAnalyst, viewer] = await Promise.all(
    ["Owner", "Analyst", "Other", "Viewer"].map((name) => makeUser({ name })),
  );
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
    { user: otherAnalyst, role: "ANALYST" },
    { user: viewer, role: "VIEWER" },
  ]);
  articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
  revision = await currentRevision(articleId);
});

async function create(user: TestUser, body: Record<string, unknown>) {
  return callRoute({
    file: list,
    method: "POST",
    params: { workspaceId, articleId },
    cookie: await sessionCookie(user),
    json: { revisionId: revision.id, ...body },
  });
}

const at = (quote: string, nth = 0) => {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = revision.text.indexOf(quote, index + 1);
  return { start: index, end: index + quote.length, exact: quote };
};

describe("creating annotations", () => {
  it("stores offsets, quote and server-side context, and logs it", async () => {
    const res = await create(analyst, at("Massoud", 1));
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data).toMatchObject({
      exact: "Massoud",
      start: revision.text.indexOf("Massoud", 10),
      status: "PROPOSED",
      anchorState: "ANCHORED",
      version: 1,
    });
    expect(data.prefix).toBe(revision.text.slice(Math.max(0, data.start - 32), data.start));
    expect(data.suffix.startsWith(" 🙂 flew")).toBe(true);
    expect(
      await db.activityEvent.count({ where: { workspaceId, action: "annotation.created", targetId: data.id } }),
    ).toBe(1);
  });

  it("refuses a quote that does not match the text at those offsets (422)", async () => {
    const res = await create(analyst, { start: 0, end: 5, exact: "Amrul" });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.fieldErrors.exact).toBeDefined();
  });

  it("refuses offsets outside the text or splitting an emoji (422)", async () => {
    const emoji = revision.text.indexOf("🙂");
    for (const body of [
      { start: 0, end: revision.text.length + 1, exact: revision.text + "x" },
      { start: emoji + 1, end: emoji + 3, exact: revision.text.slice(emoji + 1, emoji + 3) },
      { start: 5, end: 5, exact: "x" },
      { start: -1, end: 3, exact: "Ahm" },
    ]) {
      const res = await create(analyst, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
  });

  it("refuses an entity of another workspace (422) and a stale revision (409)", async () => {
    const elsewhere = await makeWorkspace([{ user: await makeUser(), role: "OWNER" }]);
    const foreignEntity = await makeEntity(elsewhere);
    expect((await create(analyst, { ...at("Ahmad Massoud"), entityId: foreignEntity })).status).toBe(422);
    expect((await create(analyst, { ...at("Ahmad Massoud"), revisionId: "an-old-revision" })).status).toBe(409);
  });

  it("refuses viewers (403) and members of other workspaces (404)", async () => {
    expect((await create(viewer, at("Dushanbe"))).status).toBe(403);
    const stranger = await makeUser();
    await makeWorkspace([{ user: stranger, role: "OWNER" }]);
    expect((await create(stranger, at("Dushanbe"))).status).toBe(404);
    const res = await callRoute({
      file: list,
      method: "GET",
      params: { workspaceId, articleId },
      cookie: await sessionCookie(stranger),
    });
    expect(res.status).toBe(404);
  });
});

describe("editing, deleting and restoring", () => {
  it("a stale version gets 409 with the current annotation, nothing is overwritten", async () => {
    const entityId = await makeEntity(workspaceId, { name: "Ahmad Massoud" });
    const { data } = await (await create(analyst, at("Ahmad Massoud"))).json();
    const cookie = await sessionCookie(analyst);
    const first = await callRoute({
      file: one,
      method: "PATCH",
      params: { workspaceId, annotationId: data.id },
      cookie,
      json: { version: 1, entityId },
    });
    expect(first.status).toBe(200);
    expect((await first.json()).data).toMatchObject({ version: 2, entity: { id: entityId } });
    const stale = await callRoute({
      file: one,
      method: "PATCH",
      params: { workspaceId, annotationId: data.id },
      cookie,
      json: { version: 1, note: "late" },
    });
    expect(stale.status).toBe(409);
    const body = await stale.json();
    expect(body.error.details.current).toMatchObject({ version: 2, note: null });
    expect((await db.annotation.findUniqueOrThrow({ where: { id: data.id } })).note).toBeNull();
  });

  it("analysts change only their own annotations; reviewers and owners anyone's", async () => {
    const { data } = await (await create(analyst, at("Dushanbe"))).json();
    const other = await callRoute({
      file: one,
      method: "DELETE",
      params: { workspaceId, annotationId: data.id },
      cookie: await sessionCookie(otherAnalyst),
    });
    expect(other.status).toBe(403);
    const byOwner = await callRoute({
      file: one,
      method: "PATCH",
      params: { workspaceId, annotationId: data.id },
      cookie: await sessionCookie(owner),
      json: { version: 1, note: "ok" },
    });
    expect(byOwner.status).toBe(200);
  });

  it("delete is soft and restore brings back the same id", async () => {
    const { data } = await (await create(analyst, at("said little"))).json();
    const cookie = await sessionCookie(analyst);
    expect(
      (await callRoute({ file: one, method: "DELETE", params: { workspaceId, annotationId: data.id }, cookie })).status,
    ).toBe(204);
    const listed = await (
      await callRoute({ file: list, method: "GET", params: { workspaceId, articleId }, cookie })
    ).json();
    expect(listed.data.map((a: { id: string }) => a.id)).not.toContain(data.id);
    const restored = await callRoute({
      file: restore,
      method: "POST",
      params: { workspaceId, annotationId: data.id },
      cookie,
    });
    expect(restored.status).toBe(200);
    expect((await restored.json()).data).toMatchObject({ id: data.id, exact: "said little", start: data.start });
    const actions = (
      await db.activityEvent.findMany({ where: { targetId: data.id }, orderBy: { createdAt: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(["annotation.created", "annotation.deleted", "annotation.restored"]);
  });

  it("lists in reading order with filters", async () => {
    const cookie = await sessionCookie(owner);
    const res = await callRoute({ file: list, method: "GET", params: { workspaceId, articleId }, cookie });
    const starts = (await res.json()).data.map((a: { start: number }) => a.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const mine = await (
      await callRoute({
        file: list,
        method: "GET",
        params: { workspaceId, articleId },
        cookie,
        search: `?authorId=${otherAnalyst.id}`,
      })
    ).json();
    expect(mine.data).toEqual([]);
  });
});

describe("entities", () => {
  const entities = "api/workspaces/[workspaceId]/entities/route.ts";
  const merge = "api/workspaces/[workspaceId]/entities/[entityId]/merge/route.ts";
  const entity = "api/workspaces/[workspaceId]/entities/[entityId]/route.ts";

  it("finds entities by prefix, alias and letters in order", async () => {
    const ws = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    await makeEntity(ws, { name: "Amrullah Saleh", aliases: ["Saleh"] });
    await makeEntity(ws, { name: "Ahmad Massoud", aliases: ["Massoud"] });
    const cookie = await sessionCookie(owner);
    const names = async (q: string) =>
      (
        await (
          await callRoute({
            file: entities,
            method: "GET",
            params: { workspaceId: ws },
            cookie,
            search: `?q=${encodeURIComponent(q)}`,
          })
        ).json()
      ).data.map((e: { name: string }) => e.name);
    expect(await names("Ahm")).toEqual(["Ahmad Massoud"]);
    expect(await names("sal")).toEqual(["Amrullah Saleh"]);
    expect(await names("amsd")).toEqual(["Ahmad Massoud"]);
    expect(await names("A")).toEqual(["Ahmad Massoud", "Amrullah Saleh"]);
  });

  it("merging moves mentions to the survivor, unites aliases, keeps the merged entity and logs it", async () => {
    const ws = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const art = await makeArticle(ws, owner.id, { text: TEXT });
    const a = await makeEntity(ws, { name: "A. Massoud", aliases: ["Ahmad Shah's son"] });
    const b = await makeEntity(ws, { name: "Ahmad Massoud", aliases: ["Massoud"] });
    const { makeAnnotation } = await import("@/test/factories");
    const mention = await makeAnnotation(ws, art, owner.id, { entityId: a });
    const cookie = await sessionCookie(owner);
    const res = await callRoute({
      file: merge,
      method: "POST",
      params: { workspaceId: ws, entityId: a },
      cookie,
      json: { intoId: b },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).data.aliases.sort()).toEqual(["A. Massoud", "Ahmad Shah's son", "Massoud"].sort());
    expect((await db.annotation.findUniqueOrThrow({ where: { id: mention } })).entityId).toBe(b);
    expect((await db.entity.findUniqueOrThrow({ where: { id: a } })).mergedIntoId).toBe(b);
    const page = await (
      await callRoute({ file: entity, method: "GET", params: { workspaceId: ws, entityId: b }, cookie })
    ).json();
    expect(page.data.articles).toHaveLength(1);
    expect(page.data.articles[0].mentions[0].id).toBe(mention);
    expect(await db.activityEvent.count({ where: { workspaceId: ws, action: "entity.merged" } })).toBe(1);
  });
});

describe("batches", () => {
  it("creates a thousand highlights in one call, all with their activity events", async () => {
    const words = Array.from({ length: 1000 }, (_, i) => `word${i}`);
    const bigArticle = await makeArticle(workspaceId, owner.id, { text: `Title\n\n${words.join(" ")}` });
    const rev = await currentRevision(bigArticle);
    const items = words.map((w) => {
      const start = rev.text.indexOf(`${w} `) >= 0 ? rev.text.indexOf(`${w} `) : rev.text.lastIndexOf(w);
      return { revisionId: rev.id, start, end: start + w.length, exact: w };
    });
    const res = await callRoute({
      file: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/batch/route.ts",
      method: "POST",
      params: { workspaceId, articleId: bigArticle },
      cookie: await sessionCookie(analyst),
      json: { items },
    });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data).toHaveLength(1000);
    expect(data.map((a: { exact: string }) => a.exact)).toEqual(words);
    expect(
      await db.activityEvent.count({
        where: { workspaceId, action: "annotation.created", targetId: { in: data.map((a: { id: string }) => a.id) } },
      }),
    ).toBe(1000);
  });

  it("writes nothing when one item of a batch is invalid", async () => {
    const before = await db.annotation.count({ where: { articleId } });
    const res = await callRoute({
      file: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/batch/route.ts",
      method: "POST",
      params: { workspaceId, articleId },
      cookie: await sessionCookie(analyst),
      json: {
        items: [
          { revisionId: revision.id, ...at("Dushanbe") },
          { revisionId: revision.id, start: 0, end: 3, exact: "xyz" },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.fieldErrors["items.1.exact"]).toBeDefined();
    expect(await db.annotation.count({ where: { articleId } })).toBe(before);
  });
});
