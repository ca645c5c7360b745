import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { contentFromPlainText } from "@/lib/content/plain-text";
import { annotationSelect } from "@/lib/server/annotations/annotation-select";
import { insertAnnotationsOnCurrentRevision, type NewAnnotation } from "@/lib/server/annotations/insert-annotations";
import { revisionText } from "@/lib/server/articles/revision-text";
import type { Permission } from "@/lib/auth/permissions";
import { createWriteAccess, type WriteAccess } from "@/lib/auth/write-access";
import { callRoute } from "@/test/call-route";
import { testDatabaseUrl } from "@/test/db";
import {
  currentRevision,
  makeArticle,
  makeEntity,
  makeUser,
  makeWorkspace,
  sessionClaimsFor,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const list = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts";
const batch = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/batch/route.ts";
const revisions = "api/workspaces/[workspaceId]/articles/[articleId]/revisions/route.ts";
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

  it("answers who may not create before what is wrong with the request: 401, 404, 403 come first", async () => {
    const stranger = await makeUser();
    const invalid = { revisionId: revision.id, start: 5, end: 1, exact: "" };
    const wrongQuote = { revisionId: revision.id, start: 0, end: 5, exact: "Amrul" };
    for (const json of [invalid, wrongQuote, { ...at("Ahmad"), revisionId: "an-old-revision" }]) {
      const as = async (cookie?: string) =>
        (await callRoute({ file: list, method: "POST", params: { workspaceId, articleId }, cookie, json })).status;
      expect(await as()).toBe(401);
      expect(await as(await sessionCookie({ ...analyst, sessionVersion: analyst.sessionVersion + 1 }))).toBe(401);
      expect(await as(await sessionCookie(stranger))).toBe(404);
      expect(await as(await sessionCookie(viewer))).toBe(403);
      expect(await as(await sessionCookie(analyst))).toBe(json === invalid || json === wrongQuote ? 422 : 409);
    }
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

describe("creating on a revision that is no longer current, or where the write cannot go", () => {
  const count = async (where: { articleId: string }) => ({
    annotations: await db.annotation.count({ where }),
    events: await db.activityEvent.count({
      where: { action: "annotation.created", data: { path: ["articleId"], equals: where.articleId } },
    }),
  });
  const post = async (options: { articleId: string; json: Record<string, unknown>; user?: TestUser }) =>
    callRoute({
      file: list,
      method: "POST",
      params: { workspaceId, articleId: options.articleId },
      cookie: await sessionCookie(options.user ?? analyst),
      json: options.json,
    });

  it("answers 409 with the current revision once the article was revised, even with the old text in memory", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const old = await currentRevision(articleId);
    const quote = { revisionId: old.id, start: 0, end: 5, exact: "Ahmad" };
    expect((await post({ articleId, json: quote })).status).toBe(201);
    const revised = await callRoute({
      file: revisions,
      method: "POST",
      params: { workspaceId, articleId },
      cookie: await sessionCookie(owner),
      json: { baseRevisionId: old.id, content: contentFromPlainText(`Updated.\n\n${TEXT}`) },
    });
    expect(revised.status).toBe(201);
    const before = await count({ articleId });
    const res = await post({ articleId, json: quote });
    expect(res.status).toBe(409);
    const { error } = await res.json();
    expect(error.code).toBe("CONFLICT");
    expect(error.details.currentRevisionId).toBe((await currentRevision(articleId)).id);
    expect(await count({ articleId })).toEqual(before);
  });

  it("answers 404 for a deleted article and for an article of another workspace", async () => {
    const deleted = await makeArticle(workspaceId, owner.id, { text: TEXT, deleted: true });
    const rev = await currentRevision(deleted);
    const res = await post({ articleId: deleted, json: { revisionId: rev.id, start: 0, end: 5, exact: "Ahmad" } });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toEqual({ code: "NOT_FOUND", message: "Article not found." });
    expect(await count({ articleId: deleted })).toEqual({ annotations: 0, events: 0 });

    const elsewhere = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const foreign = await makeArticle(elsewhere, owner.id, { text: TEXT });
    const foreignRev = await currentRevision(foreign);
    const json = { revisionId: foreignRev.id, start: 0, end: 5, exact: "Ahmad" };
    expect((await post({ articleId: foreign, json })).status).toBe(404);
    expect(await count({ articleId: foreign })).toEqual({ annotations: 0, events: 0 });
  });

  it("answers 422 for an entity of another workspace, a deleted one and a merged one", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const rev = await currentRevision(articleId);
    const elsewhere = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const deleted = await makeEntity(workspaceId);
    await db.entity.update({ where: { id: deleted }, data: { deletedAt: new Date() } });
    const merged = await makeEntity(workspaceId);
    const survivor = await makeEntity(workspaceId);
    await db.entity.update({ where: { id: merged }, data: { mergedIntoId: survivor } });
    for (const entityId of [await makeEntity(elsewhere), deleted]) {
      const res = await post({ articleId, json: { revisionId: rev.id, start: 0, end: 5, exact: "Ahmad", entityId } });
      expect(res.status).toBe(422);
      expect((await res.json()).error.details.fieldErrors).toEqual({
        entityId: ["That entity does not exist in this workspace."],
      });
    }
    const res = await post({
      articleId,
      json: { revisionId: rev.id, start: 0, end: 5, exact: "Ahmad", entityId: merged },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.mergedIntoId).toBe(survivor);
    expect(await count({ articleId })).toEqual({ annotations: 0, events: 0 });
  });

  it("a batch with one unusable entity or one stale revision writes nothing", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const rev = await currentRevision(articleId);
    const foreignEntity = await makeEntity(await makeWorkspace([{ user: owner, role: "OWNER" }]));
    const good = [
      { revisionId: rev.id, start: 0, end: 5, exact: "Ahmad" },
      { revisionId: rev.id, start: 6, end: 13, exact: "Massoud" },
    ];
    const cookie = await sessionCookie(analyst);
    const send = (items: unknown[]) =>
      callRoute({ file: batch, method: "POST", params: { workspaceId, articleId }, cookie, json: { items } });
    const withEntity = await send([...good, { ...good[0], entityId: foreignEntity }]);
    expect(withEntity.status).toBe(422);
    const stale = await send([...good, { ...good[1], revisionId: "an-old-revision" }]);
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.details.currentRevisionId).toBe(rev.id);
    expect(await count({ articleId })).toEqual({ annotations: 0, events: 0 });
    const ok = await send(good);
    expect(ok.status).toBe(201);
    expect(await count({ articleId })).toEqual({ annotations: 2, events: 2 });
  });
});

describe("the one-statement write", () => {
  const access = async (user: TestUser, options: { ws?: string; permission?: Permission } = {}) =>
    createWriteAccess(
      await sessionClaimsFor(user),
      options.ws ?? workspaceId,
      options.permission ?? "annotation.create",
    );
  const annotation = (text: string, start: number, end: number, extra: Partial<NewAnnotation> = {}) => ({
    id: newId(),
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - 32), start),
    suffix: text.slice(end, end + 32),
    entityId: null,
    note: null,
    event: { id: newId(), data: { exact: text.slice(start, end) } },
    ...extra,
  });

  it("returns the annotations as annotationSelect reads them, in the order given, with their events", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const rev = await currentRevision(articleId);
    const entityId = await makeEntity(workspaceId, { name: "Dushanbe" });
    const dushanbe = rev.text.indexOf("Dushanbe");
    const annotations = [
      annotation(rev.text, dushanbe, dushanbe + 8, { entityId, note: "Capital of Tajikistan" }),
      annotation(rev.text, 0, 5),
    ];
    const created = await insertAnnotationsOnCurrentRevision({
      workspaceId,
      articleId,
      revisionId: rev.id,
      access: await access(analyst),
      annotations,
    });
    expect(created!.map((a) => a.id)).toEqual(annotations.map((a) => a.id));
    for (const view of created!) {
      const stored = await db.annotation.findUniqueOrThrow({ where: { id: view.id }, select: annotationSelect });
      expect(view).toStrictEqual(stored);
      expect(Object.keys(view)).toEqual(Object.keys(stored));
    }
    expect(created![0].entity).toMatchObject({ id: entityId, name: "Dushanbe", type: { name: "Person" } });
    const events = await db.activityEvent.findMany({
      where: { id: { in: annotations.map((a) => a.event.id) } },
      orderBy: { targetId: "asc" },
    });
    expect(
      events.map(({ action, actorId, workspaceId: ws, targetType, targetId, data }) => ({
        action,
        actorId,
        ws,
        targetType,
        targetId,
        data,
      })),
    ).toEqual(
      annotations
        .map((a) => ({
          action: "annotation.created",
          actorId: analyst.id,
          ws: workspaceId,
          targetType: "annotation",
          targetId: a.id,
          data: a.event.data,
        }))
        .sort((a, b) => (a.targetId < b.targetId ? -1 : 1)),
    );
  });

  it("writes nothing and answers null unless session, membership, role, article and revision all allow it", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const rev = await currentRevision(articleId);
    const stranger = await makeUser();
    const insert = async (options: { access?: WriteAccess; revisionId?: string }) =>
      insertAnnotationsOnCurrentRevision({
        workspaceId,
        articleId,
        revisionId: options.revisionId ?? rev.id,
        access: options.access ?? (await access(analyst)),
        annotations: [annotation(rev.text, 0, 5)],
      });
    expect(await insert({ revisionId: "not-the-current-one" })).toBeNull();
    expect(
      await insert({ access: await access({ ...analyst, sessionVersion: analyst.sessionVersion + 1 }) }),
    ).toBeNull();
    const signedOut = await sessionClaimsFor(analyst);
    await db.session.delete({ where: { id: signedOut.sid } });
    expect(await insert({ access: createWriteAccess(signedOut, workspaceId, "annotation.create") })).toBeNull();
    expect(await insert({ access: await access(viewer) })).toBeNull();
    expect(await insert({ access: await access(analyst, { permission: "workspace.update" }) })).toBeNull();
    expect(await insert({ access: await access(stranger) })).toBeNull();
    await db.article.update({ where: { id: articleId }, data: { deletedAt: new Date() } });
    expect(await insert({})).toBeNull();
    expect(await db.annotation.count({ where: { articleId } })).toBe(0);
    await db.article.update({ where: { id: articleId }, data: { deletedAt: null } });
    expect(await insert({})).toHaveLength(1);
  });

  it("waits for a revision being saved and then writes nothing on the old revision", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const rev = await currentRevision(articleId);
    // What reviseArticle does in its transaction: lock the article, add a revision, make it current.
    const reviser = new pg.Client({ connectionString: testDatabaseUrl() });
    await reviser.connect();
    try {
      await reviser.query("BEGIN");
      await reviser.query(`SELECT "id" FROM "Article" WHERE "id" = $1 FOR UPDATE`, [articleId]);
      const next = newId();
      await reviser.query(
        `INSERT INTO "ArticleRevision" ("id", "workspaceId", "articleId", "number", "content", "text", "authorId")
         SELECT $1, "workspaceId", "articleId", 2, "content", "text", "authorId" FROM "ArticleRevision" WHERE "id" = $2`,
        [next, rev.id],
      );
      await reviser.query(`UPDATE "Article" SET "currentRevisionId" = $1 WHERE "id" = $2`, [next, articleId]);
      let settled = false;
      const insert = insertAnnotationsOnCurrentRevision({
        workspaceId,
        articleId,
        revisionId: rev.id,
        access: await access(analyst),
        annotations: [annotation(rev.text, 0, 5)],
      }).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await reviser.query("COMMIT");
      expect(await insert).toBeNull();
    } finally {
      await reviser.end();
    }
    expect(await db.annotation.count({ where: { articleId } })).toBe(0);
  });

  it("writes nothing for a disabled user or in a deleted workspace", async () => {
    const member = await makeUser();
    const ws = await makeWorkspace([{ user: member, role: "OWNER" }]);
    const articleId = await makeArticle(ws, member.id, { text: TEXT });
    const rev = await currentRevision(articleId);
    const insert = async () =>
      insertAnnotationsOnCurrentRevision({
        workspaceId: ws,
        articleId,
        revisionId: rev.id,
        access: await access(member, { ws }),
        annotations: [annotation(rev.text, 0, 5)],
      });
    await db.user.update({ where: { id: member.id }, data: { disabledAt: new Date() } });
    expect(await insert()).toBeNull();
    await db.user.update({ where: { id: member.id }, data: { disabledAt: null } });
    await db.workspace.update({ where: { id: ws }, data: { deletedAt: new Date() } });
    expect(await insert()).toBeNull();
    expect(await db.annotation.count({ where: { articleId } })).toBe(0);
  });
});

describe("the revision text in memory", () => {
  it("is the revision's canonical text; an unknown revision has none", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const rev = await currentRevision(articleId);
    expect(await revisionText(rev.id)).toBe(rev.text);
    expect(await revisionText(rev.id)).toBe(rev.text);
    expect(await revisionText("no-such-revision")).toBeNull();
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

describe("long quotes in the activity log", () => {
  it("keep whole characters when an emoji straddles the 200-unit cut (jsonb refuses half of one)", async () => {
    const quote = `${"a".repeat(199)}🙂 and more`;
    const emojiArticle = await makeArticle(workspaceId, owner.id, { text: `Intro. ${quote} End.` });
    const rev = await currentRevision(emojiArticle);
    const start = rev.text.indexOf(quote);
    const res = await callRoute({
      file: list,
      method: "POST",
      params: { workspaceId, articleId: emojiArticle },
      cookie: await sessionCookie(analyst),
      json: { revisionId: rev.id, start, end: start + quote.length, exact: quote },
    });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    const event = await db.activityEvent.findFirstOrThrow({ where: { targetId: data.id } });
    expect((event.data as { exact: string }).exact).toBe(`${"a".repeat(199)}\uFFFD`);
  });
});
