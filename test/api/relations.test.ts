// Relations: typed links between two annotations of an article. The routes,
// the type constraints (422), versions (409), soft delete with the annotation
// that carried them, flags after a revision orphans an end, blind mode, API
// tokens and live events.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { contentFromPlainText } from "@/lib/content/plain-text";
import { RelationSchema, RelationTypeSchema } from "@/lib/openapi/schemas";
import { createWorkspace } from "@/lib/server/workspaces/create-workspace";
import { callRoute } from "@/test/call-route";
import { decodeRelations } from "@/lib/relations/compact-relations";
import { findReaderRelations } from "@/lib/server/relations/find-reader-relations";
import { currentRevision, makeArticle, makeAssignment, makeUser, sessionCookie, type TestUser } from "@/test/factories";

const R = {
  relations: "api/workspaces/[workspaceId]/articles/[articleId]/relations/route.ts",
  relation: "api/workspaces/[workspaceId]/relations/[relationId]/route.ts",
  restore: "api/workspaces/[workspaceId]/relations/[relationId]/restore/route.ts",
  review: "api/workspaces/[workspaceId]/relations/[relationId]/review/route.ts",
  types: "api/workspaces/[workspaceId]/relation-types/route.ts",
  type: "api/workspaces/[workspaceId]/relation-types/[typeId]/route.ts",
  annotations: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts",
  annotation: "api/workspaces/[workspaceId]/annotations/[annotationId]/route.ts",
  annotationRestore: "api/workspaces/[workspaceId]/annotations/[annotationId]/restore/route.ts",
  revisions: "api/workspaces/[workspaceId]/articles/[articleId]/revisions/route.ts",
  tokens: "api/workspaces/[workspaceId]/api-tokens/route.ts",
  activity: "api/workspaces/[workspaceId]/activity/route.ts",
};

const TEXT =
  "Ahmad Massoud leads the National Resistance Front from Panjshir.\n\n" +
  "Amrullah Saleh met Ahmad Massoud in Dushanbe.\n\n" +
  "The front said it would keep fighting.";

let owner: TestUser;
let analyst: TestUser;
let other: TestUser;
let workspaceId: string;
let types: Record<string, string>;
let entityTypes: Record<string, string>;

async function as(user: TestUser) {
  return { cookie: await sessionCookie(user) };
}

/** Highlights `quote` (its nth copy) as `user`, tagged to a new entity of `typeName` when given. */
async function annotate(user: TestUser, articleId: string, quote: string, typeName?: string, nth = 0) {
  const revision = await currentRevision(articleId);
  let start = -1;
  for (let i = 0; i <= nth; i++) start = revision.text.indexOf(quote, start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  const entityId = typeName
    ? (
        await db.entity.create({
          data: {
            id: `e${Math.random().toString(36).slice(2, 14)}`,
            workspaceId,
            typeId: entityTypes[typeName],
            name: quote,
            aliases: [],
          },
        })
      ).id
    : null;
  const res = await callRoute({
    file: R.annotations,
    method: "POST",
    params: { workspaceId, articleId },
    ...(await as(user)),
    json: { revisionId: revision.id, start, end: start + quote.length, exact: quote, entityId },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).data.id as string;
}

async function link(user: TestUser, articleId: string, json: Record<string, unknown>) {
  return callRoute({
    file: R.relations,
    method: "POST",
    params: { workspaceId, articleId },
    ...(await as(user)),
    json,
  });
}

async function list(user: TestUser, articleId: string, search = "") {
  const res = await callRoute({
    file: R.relations,
    method: "GET",
    params: { workspaceId, articleId },
    ...(await as(user)),
    search,
  });
  expect(res.status).toBe(200);
  return (await res.json()).data as Array<{
    id: string;
    type: { name: string };
    flagged: boolean;
    version: number;
    source: { id: string };
    target: { id: string };
  }>;
}

/**
 * The article page's relations for `user` (compact, decoded as the reader does), checked against
 * the API's list for the same viewer: the same relations in the same order, with what the reader shows.
 */
async function readerList(user: TestUser, role: "OWNER" | "ANALYST", articleId: string) {
  const compact = await findReaderRelations({ workspaceId, articleId, viewer: { id: user.id, role } });
  const decoded = decodeRelations(JSON.parse(JSON.stringify(compact)));
  const res = await callRoute({
    file: R.relations,
    method: "GET",
    params: { workspaceId, articleId },
    ...(await as(user)),
  });
  const api = (await res.json()).data as Array<Record<string, unknown>>;
  expect(decoded).toEqual(
    api.map((r) => ({
      id: r.id,
      version: r.version,
      status: r.status,
      note: r.note,
      flagged: r.flagged,
      type: r.type,
      source: { id: (r.source as { id: string }).id },
      target: { id: (r.target as { id: string }).id },
      author: r.author,
    })),
  );
  return decoded;
}

beforeAll(async () => {
  owner = await makeUser({ name: "Owner" });
  analyst = await makeUser({ name: "Analyst" });
  other = await makeUser({ name: "Other analyst" });
  ({ id: workspaceId } = await createWorkspace({ userId: owner.id, name: "Relations" }));
  await db.membership.createMany({
    data: [
      { id: `m${Math.random().toString(36).slice(2, 14)}`, workspaceId, userId: analyst.id, role: "ANALYST" },
      { id: `m${Math.random().toString(36).slice(2, 14)}`, workspaceId, userId: other.id, role: "ANALYST" },
    ],
  });
  types = Object.fromEntries((await db.relationType.findMany({ where: { workspaceId } })).map((t) => [t.name, t.id]));
  entityTypes = Object.fromEntries(
    (await db.entityType.findMany({ where: { workspaceId } })).map((t) => [t.name, t.id]),
  );
});

describe("relation types", () => {
  it("starts a new workspace with the default types, constrained by entity type", async () => {
    const res = await callRoute({ file: R.types, method: "GET", params: { workspaceId }, ...(await as(analyst)) });
    expect(res.status).toBe(200);
    const data = (await res.json()).data as Array<Record<string, unknown>>;
    for (const t of data) RelationTypeSchema.parse(t);
    expect(data.map((t) => t.name)).toEqual(["member of", "leads", "located in", "met with", "said", "same as"]);
    expect(data.find((t) => t.name === "leads")).toMatchObject({
      inverseLabel: "led by",
      directed: true,
      sourceTypeIds: [entityTypes.Person],
      targetTypeIds: [entityTypes.Organization],
      shortcut: "l",
    });
    expect(data.find((t) => t.name === "met with")).toMatchObject({ directed: false, inverseLabel: null });
    expect(data.find((t) => t.name === "same as")).toMatchObject({ sourceTypeIds: [], targetTypeIds: [] });
  });

  it("lets reviewers and owners add and change types, refusing clashes and foreign entity types", async () => {
    const created = await callRoute({
      file: R.types,
      method: "POST",
      params: { workspaceId },
      ...(await as(owner)),
      json: {
        name: "funds",
        inverseLabel: "funded by",
        sourceTypeIds: [entityTypes.Organization],
        color: "#336699",
        shortcut: "f",
      },
    });
    expect(created.status).toBe(201);
    const type = RelationTypeSchema.parse((await created.json()).data);
    expect(type).toMatchObject({ name: "funds", directed: true, targetTypeIds: [] });
    const clash = await callRoute({
      file: R.types,
      method: "POST",
      params: { workspaceId },
      ...(await as(owner)),
      json: { name: "Funds", color: "#336699" },
    });
    expect(clash.status).toBe(409);
    const shortcut = await callRoute({
      file: R.types,
      method: "POST",
      params: { workspaceId },
      ...(await as(owner)),
      json: { name: "pays", color: "#336699", shortcut: "l" },
    });
    expect(shortcut.status).toBe(409);
    const foreign = await callRoute({
      file: R.type,
      method: "PATCH",
      params: { workspaceId, typeId: type.id },
      ...(await as(owner)),
      json: { version: type.version, targetTypeIds: ["not-a-type"] },
    });
    expect(foreign.status).toBe(422);
    expect((await foreign.json()).error.details.fieldErrors).toHaveProperty("targetTypeIds");
    const archived = await callRoute({
      file: R.type,
      method: "PATCH",
      params: { workspaceId, typeId: type.id },
      ...(await as(owner)),
      json: { version: type.version, archived: true },
    });
    expect(archived.status).toBe(200);
    expect((await archived.json()).data).toMatchObject({ archivedAt: expect.any(String), version: type.version + 1 });
  });
});

describe("linking annotations", () => {
  it("links a Person to an Organization as leads, lists it with both ends, logs and announces it", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const massoud = await annotate(analyst, articleId, "Ahmad Massoud", "Person");
    const front = await annotate(analyst, articleId, "National Resistance Front", "Organization");
    const res = await link(analyst, articleId, {
      sourceId: massoud,
      targetId: front,
      typeId: types.leads,
      note: "First line.",
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const relation = RelationSchema.parse((await res.json()).data);
    expect(relation).toMatchObject({
      type: { name: "leads", inverseLabel: "led by", directed: true },
      source: { id: massoud, exact: "Ahmad Massoud", entity: { name: "Ahmad Massoud" } },
      target: { id: front, exact: "National Resistance Front" },
      status: "PROPOSED",
      version: 1,
      flagged: false,
      note: "First line.",
      author: { id: analyst.id },
    });
    const listed = await list(owner, articleId);
    expect(listed.map((r) => r.id)).toEqual([relation.id]);
    for (const r of listed) RelationSchema.parse(r);
    expect((await list(owner, articleId, `?annotationId=${front}`)).map((r) => r.id)).toEqual([relation.id]);
    expect(await list(owner, articleId, `?typeId=${types["met with"]}`)).toEqual([]);

    expect(await db.activityEvent.count({ where: { targetId: relation.id, action: "relation.created" } })).toBe(1);
    const events = await db.liveEvent.findMany({ where: { workspaceId, type: "relation.changed", articleId } });
    expect(events.map((e) => e.data)).toContainEqual({ relationIds: [relation.id] });
  });

  it("refuses a Location target for a Person → Organization type with 422, and other bad ends", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const massoud = await annotate(analyst, articleId, "Ahmad Massoud", "Person");
    const panjshir = await annotate(analyst, articleId, "Panjshir", "Location");
    const untagged = await annotate(analyst, articleId, "The front");
    const refused = await link(analyst, articleId, { sourceId: massoud, targetId: panjshir, typeId: types.leads });
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.error.code).toBe("UNPROCESSABLE");
    expect(body.error.details.fieldErrors.targetId[0]).toContain("Organization");
    expect(body.error.details.fieldErrors.targetId[0]).toContain("Location");
    expect(
      (await link(analyst, articleId, { sourceId: panjshir, targetId: massoud, typeId: types["met with"] })).status,
    ).toBe(422);
    expect(
      (await link(analyst, articleId, { sourceId: untagged, targetId: panjshir, typeId: types["located in"] })).status,
    ).toBe(201);
    expect(
      (await link(analyst, articleId, { sourceId: massoud, targetId: massoud, typeId: types["same as"] })).status,
    ).toBe(422);

    // An annotation of another article is not an end here; nor is a missing one.
    const elsewhere = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const far = await annotate(analyst, elsewhere, "Amrullah Saleh", "Person");
    expect(
      (await link(analyst, articleId, { sourceId: massoud, targetId: far, typeId: types["met with"] })).status,
    ).toBe(422);
    expect(
      (await link(analyst, articleId, { sourceId: massoud, targetId: "nope", typeId: types["met with"] })).status,
    ).toBe(404);
    expect(await db.relation.count({ where: { articleId } })).toBe(1);
  });

  it("changes type, note and direction at the version read, answering 409 to a stale one", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const saleh = await annotate(analyst, articleId, "Amrullah Saleh", "Person");
    const massoud = await annotate(analyst, articleId, "Ahmad Massoud", "Person", 1);
    const created = (
      await (await link(analyst, articleId, { sourceId: saleh, targetId: massoud, typeId: types["met with"] })).json()
    ).data;
    const patch = async (json: Record<string, unknown>, user = analyst) =>
      callRoute({
        file: R.relation,
        method: "PATCH",
        params: { workspaceId, relationId: created.id },
        ...(await as(user)),
        json,
      });
    const changed = await patch({ version: 1, typeId: types["same as"], note: "Checked." });
    expect(changed.status).toBe(200);
    expect((await changed.json()).data).toMatchObject({ version: 2, type: { name: "same as" }, note: "Checked." });
    const stale = await patch({ version: 1, note: "Late." });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.details.current).toMatchObject({ version: 2, note: "Checked." });
    const reversed = await patch({ version: 2, reverse: true });
    expect((await reversed.json()).data).toMatchObject({ version: 3, source: { id: massoud }, target: { id: saleh } });
    // Someone else's relation: another analyst may not change it.
    expect((await patch({ version: 3, note: "Mine now." }, other)).status).toBe(403);
    expect((await patch({ version: 3, note: "Reviewed." }, owner)).status).toBe(200);
  });

  it("soft-deletes and restores a relation, logging both", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const a = await annotate(analyst, articleId, "Amrullah Saleh", "Person");
    const b = await annotate(analyst, articleId, "Dushanbe", "Location");
    const { id } = (
      await (await link(analyst, articleId, { sourceId: a, targetId: b, typeId: types["located in"] })).json()
    ).data;
    const del = await callRoute({
      file: R.relation,
      method: "DELETE",
      params: { workspaceId, relationId: id },
      ...(await as(analyst)),
    });
    expect(del.status).toBe(204);
    expect(await list(analyst, articleId)).toEqual([]);
    expect((await db.relation.findUniqueOrThrow({ where: { id } })).deletedAt).not.toBeNull();
    const restored = await callRoute({
      file: R.restore,
      method: "POST",
      params: { workspaceId, relationId: id },
      ...(await as(analyst)),
    });
    expect(restored.status).toBe(200);
    expect((await list(analyst, articleId)).map((r) => r.id)).toEqual([id]);
    const actions = (await db.activityEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["relation.created", "relation.deleted", "relation.restored"]);
  });

  it("is reviewed like an annotation: a reason to reject, never by its own author", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const a = await annotate(analyst, articleId, "Amrullah Saleh", "Person");
    const b = await annotate(analyst, articleId, "Ahmad Massoud", "Person", 1);
    const { id } = (
      await (await link(analyst, articleId, { sourceId: a, targetId: b, typeId: types["met with"] })).json()
    ).data;
    const review = async (user: TestUser, json: Record<string, unknown>) =>
      callRoute({ file: R.review, method: "POST", params: { workspaceId, relationId: id }, ...(await as(user)), json });
    expect((await review(owner, { version: 1, decision: "REJECTED" })).status).toBe(422);
    const rejected = await review(owner, { version: 1, decision: "REJECTED", reason: "They met in Kabul." });
    expect(rejected.status).toBe(200);
    expect((await rejected.json()).data).toMatchObject({
      status: "REJECTED",
      rejectionReason: "They met in Kabul.",
      version: 2,
    });
    expect((await review(owner, { version: 1, decision: "ACCEPTED" })).status).toBe(409);
    expect((await review(analyst, { version: 2, decision: "ACCEPTED" })).status).toBe(403);
  });
});

describe("relations follow their annotations", () => {
  it("deleting an annotation soft-deletes its relations and restoring it restores them", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const massoud = await annotate(analyst, articleId, "Ahmad Massoud", "Person");
    const front = await annotate(analyst, articleId, "National Resistance Front", "Organization");
    const saleh = await annotate(analyst, articleId, "Amrullah Saleh", "Person");
    const leads = (
      await (await link(analyst, articleId, { sourceId: massoud, targetId: front, typeId: types.leads })).json()
    ).data;
    const met = (
      await (await link(analyst, articleId, { sourceId: saleh, targetId: massoud, typeId: types["met with"] })).json()
    ).data;
    const alone = (
      await (await link(analyst, articleId, { sourceId: saleh, targetId: front, typeId: types["member of"] })).json()
    ).data;
    // Deleted by hand before: restoring the annotation must not bring it back.
    await callRoute({
      file: R.relation,
      method: "DELETE",
      params: { workspaceId, relationId: met.id },
      ...(await as(analyst)),
    });

    const del = await callRoute({
      file: R.annotation,
      method: "DELETE",
      params: { workspaceId, annotationId: massoud },
      ...(await as(analyst)),
    });
    expect(del.status).toBe(204);
    expect((await list(analyst, articleId)).map((r) => r.id)).toEqual([alone.id]);
    expect((await readerList(analyst, "ANALYST", articleId)).map((r) => r.id)).toEqual([alone.id]);
    expect(await db.relation.findUniqueOrThrow({ where: { id: leads.id } })).toMatchObject({ deletedWithId: massoud });
    expect((await db.relation.findUniqueOrThrow({ where: { id: leads.id } })).deletedAt).not.toBeNull();

    const restored = await callRoute({
      file: R.annotationRestore,
      method: "POST",
      params: { workspaceId, annotationId: massoud },
      ...(await as(analyst)),
    });
    expect(restored.status).toBe(200);
    expect((await list(analyst, articleId)).map((r) => r.id).sort()).toEqual([leads.id, alone.id].sort());
    expect((await db.relation.findUniqueOrThrow({ where: { id: met.id } })).deletedAt).not.toBeNull();
  });

  it("flags, never deletes, a relation whose end a revision orphans", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const massoud = await annotate(analyst, articleId, "Ahmad Massoud", "Person");
    const front = await annotate(analyst, articleId, "National Resistance Front", "Organization");
    const { id } = (
      await (await link(analyst, articleId, { sourceId: massoud, targetId: front, typeId: types.leads })).json()
    ).data;
    const base = await currentRevision(articleId);
    const res = await callRoute({
      file: R.revisions,
      method: "POST",
      params: { workspaceId, articleId },
      ...(await as(owner)),
      json: {
        baseRevisionId: base.id,
        content: contentFromPlainText(base.text.replace("the National Resistance Front", "the resistance")),
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const [relation] = await list(analyst, articleId);
    expect(relation).toMatchObject({ id, flagged: true, source: { id: massoud, anchorState: "ANCHORED" } });
    expect(relation).toMatchObject({ target: { id: front, anchorState: "ORPHANED" } });
    // The reader draws it flagged too.
    expect(await readerList(analyst, "ANALYST", articleId)).toMatchObject([{ id, flagged: true }]);
    expect((await db.relation.findUniqueOrThrow({ where: { id } })).deletedAt).toBeNull();
  });
});

describe("entity relations", () => {
  it("groups an entity's relations on its page and draws typed edges in the network", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const second = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const person = await db.entity.create({
      data: {
        id: `e${Math.random().toString(36).slice(2, 14)}`,
        workspaceId,
        typeId: entityTypes.Person,
        name: "Massoud (grouped)",
        aliases: [],
      },
    });
    const front = await db.entity.create({
      data: {
        id: `e${Math.random().toString(36).slice(2, 14)}`,
        workspaceId,
        typeId: entityTypes.Organization,
        name: "NRF (grouped)",
        aliases: [],
      },
    });
    const tagged = async (article: string, quote: string, entityId: string, nth = 0) => {
      const revision = await currentRevision(article);
      let start = -1;
      for (let i = 0; i <= nth; i++) start = revision.text.indexOf(quote, start + 1);
      const res = await callRoute({
        file: R.annotations,
        method: "POST",
        params: { workspaceId, articleId: article },
        ...(await as(analyst)),
        json: { revisionId: revision.id, start, end: start + quote.length, exact: quote, entityId },
      });
      return (await res.json()).data.id as string;
    };
    for (const [article, nth] of [
      [articleId, 0],
      [articleId, 1],
      [second, 0],
    ] as const) {
      const m = await tagged(article, "Ahmad Massoud", person.id, nth);
      const f = await tagged(article, nth ? "The front" : "National Resistance Front", front.id);
      expect((await link(analyst, article, { sourceId: m, targetId: f, typeId: types.leads })).status).toBe(201);
    }
    const visibility = { viewerId: owner.id, blindArticleIds: [] };
    const { findEntityRelations } = await import("@/lib/server/relations/find-entity-relations");
    const groups = await findEntityRelations({ workspaceId, entityId: person.id, visibility });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      label: "leads",
      direction: "out",
      other: { name: "NRF (grouped)" },
      mentions: 3,
      articles: 2,
    });
    expect(groups[0].evidence).toHaveLength(3);
    const inverse = await findEntityRelations({ workspaceId, entityId: front.id, visibility });
    expect(inverse[0]).toMatchObject({ label: "led by", direction: "in", other: { name: "Massoud (grouped)" } });

    const res = await callRoute({
      file: "api/workspaces/[workspaceId]/entity-network/route.ts",
      method: "GET",
      params: { workspaceId },
      ...(await as(owner)),
    });
    const network = (await res.json()).data;
    expect(network.relationEdges).toContainEqual({
      source: person.id,
      target: front.id,
      typeId: types.leads,
      directed: true,
      count: 3,
    });
    expect(network.relationTypes).toContainEqual(
      expect.objectContaining({ id: types.leads, name: "leads", directed: true }),
    );
  });
});

describe("blind annotation", () => {
  it("shows a blind analyst only their own relations between their own annotations", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const assignment = await makeAssignment(workspaceId, articleId, analyst.id, owner.id, { blind: true });
    expect(assignment).toBeTruthy();
    const mine = [
      await annotate(analyst, articleId, "Ahmad Massoud", "Person"),
      await annotate(analyst, articleId, "National Resistance Front", "Organization"),
    ];
    const theirs = [
      await annotate(other, articleId, "Amrullah Saleh", "Person"),
      await annotate(other, articleId, "Ahmad Massoud", "Person", 1),
    ];
    const own = (
      await (await link(analyst, articleId, { sourceId: mine[0], targetId: mine[1], typeId: types.leads })).json()
    ).data;
    const foreign = (
      await (
        await link(other, articleId, { sourceId: theirs[0], targetId: theirs[1], typeId: types["met with"] })
      ).json()
    ).data;
    // The other analyst may link to the blind analyst's annotation (they are not blind)…
    const mixedRes = await link(other, articleId, {
      sourceId: theirs[0],
      targetId: mine[0],
      typeId: types["met with"],
    });
    expect(mixedRes.status).toBe(201);
    const mixed = (await mixedRes.json()).data;
    // …but the blind analyst cannot reach anyone else's annotation.
    expect(
      (await link(analyst, articleId, { sourceId: mine[0], targetId: theirs[0], typeId: types["met with"] })).status,
    ).toBe(404);

    expect((await list(analyst, articleId)).map((r) => r.id)).toEqual([own.id]);
    expect((await list(other, articleId)).length).toBe(3);
    expect((await list(owner, articleId)).length).toBe(3);
    // The article page hands the reader the same relations, by the same rule.
    expect((await readerList(analyst, "ANALYST", articleId)).map((r) => r.id)).toEqual([own.id]);
    expect((await readerList(other, "ANALYST", articleId)).map((r) => r.id)).toEqual([own.id, foreign.id, mixed.id]);
    expect((await readerList(owner, "OWNER", articleId)).length).toBe(3);
    const hidden = await callRoute({
      file: R.relation,
      method: "PATCH",
      params: { workspaceId, relationId: foreign.id },
      ...(await as(analyst)),
      json: { version: 1, note: "Peek." },
    });
    expect(hidden.status).toBe(404);
    const activity = await callRoute({
      file: R.activity,
      method: "GET",
      params: { workspaceId },
      ...(await as(owner)),
    });
    expect(activity.status).toBe(200);
  });
});

describe("agreement", () => {
  it("gives relation precision, recall and F1 per pair of analysts who annotated blind", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    for (const user of [analyst, other])
      await makeAssignment(workspaceId, articleId, user.id, owner.id, { blind: true });
    // Both link Massoud → the front as "leads"; the analyst adds Saleh met Massoud, the other the reverse
    // (symmetric, so it matches) and a "member of" the analyst has not.
    const mark = async (user: TestUser) => ({
      massoud: await annotate(user, articleId, "Ahmad Massoud", "Person"),
      front: await annotate(user, articleId, "National Resistance Front", "Organization"),
      saleh: await annotate(user, articleId, "Amrullah Saleh", "Person"),
    });
    const a = await mark(analyst);
    const b = await mark(other);
    for (const [user, json] of [
      [analyst, { sourceId: a.massoud, targetId: a.front, typeId: types.leads }],
      [analyst, { sourceId: a.saleh, targetId: a.massoud, typeId: types["met with"] }],
      [other, { sourceId: b.massoud, targetId: b.front, typeId: types.leads }],
      [other, { sourceId: b.massoud, targetId: b.saleh, typeId: types["met with"] }],
      [other, { sourceId: b.saleh, targetId: b.front, typeId: types["member of"] }],
    ] as const) {
      expect((await link(user, articleId, json)).status).toBe(201);
    }
    const res = await callRoute({
      file: "api/workspaces/[workspaceId]/articles/[articleId]/agreement/route.ts",
      method: "GET",
      params: { workspaceId, articleId },
      ...(await as(owner)),
      search: `?analyst=${analyst.id}&analyst=${other.id}`,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const { relations } = (await res.json()).data;
    expect(relations.counts).toEqual({ [analyst.id]: 2, [other.id]: 3 });
    expect(relations.pairs).toEqual([
      {
        a: analyst.id,
        b: other.id,
        exact: { matched: 2, onlyA: 0, onlyB: 1, precision: 2 / 3, recall: 1, f1: 0.8 },
        overlap: { matched: 2, onlyA: 0, onlyB: 1, precision: 2 / 3, recall: 1, f1: 0.8 },
      },
    ]);
  });
});

describe("API tokens", () => {
  it("reads and writes relations with a read-write token; a read token may only read", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const a = await annotate(analyst, articleId, "Amrullah Saleh", "Person");
    const b = await annotate(analyst, articleId, "Dushanbe", "Location");
    const token = async (scope: string) => {
      const res = await callRoute({
        file: R.tokens,
        method: "POST",
        params: { workspaceId },
        ...(await as(analyst)),
        json: { name: scope, scope },
      });
      expect(res.status).toBe(201);
      return { authorization: `Bearer ${(await res.json()).data.token}` };
    };
    const write = await token("READ_WRITE");
    const read = await token("READ");
    const json = { sourceId: a, targetId: b, typeId: types["located in"] };
    const refused = await callRoute({
      file: R.relations,
      method: "POST",
      params: { workspaceId, articleId },
      headers: read,
      json,
    });
    expect(refused.status).toBe(403);
    const created = await callRoute({
      file: R.relations,
      method: "POST",
      params: { workspaceId, articleId },
      headers: write,
      json,
    });
    expect(created.status).toBe(201);
    const listed = await callRoute({
      file: R.relations,
      method: "GET",
      params: { workspaceId, articleId },
      headers: read,
    });
    expect((await listed.json()).data).toHaveLength(1);
  });
});
