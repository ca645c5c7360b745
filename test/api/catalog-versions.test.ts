// Entities, entity types and relation types: an edit made on an older version than the stored one
// answers 409 with the current record and writes nothing, as edits of annotations, relations and
// comments do. Through the route handlers, on the real database.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { callRoute } from "@/test/call-route";
import { entityTypeId, makeEntity, makeUser, makeWorkspace, sessionCookie, type TestUser } from "@/test/factories";

const R = {
  entity: "api/workspaces/[workspaceId]/entities/[entityId]/route.ts",
  merge: "api/workspaces/[workspaceId]/entities/[entityId]/merge/route.ts",
  entityType: "api/workspaces/[workspaceId]/entity-types/[typeId]/route.ts",
  relationType: "api/workspaces/[workspaceId]/relation-types/[typeId]/route.ts",
};

let owner: TestUser;
let reviewer: TestUser;
let workspaceId: string;

beforeAll(async () => {
  owner = await makeUser();
  reviewer = await makeUser();
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: reviewer, role: "REVIEWER" },
  ]);
});

async function patch(file: string, params: Record<string, string>, user: TestUser, json: Record<string, unknown>) {
  const res = await callRoute({ file, method: "PATCH", params, cookie: await sessionCookie(user), json });
  return { status: res.status, body: await res.json() };
}

describe("editing an entity", () => {
  it("bumps the version, and refuses an edit made on an older one with the current entity", async () => {
    const entityId = await makeEntity(workspaceId, { name: "Ahmad Massoud" });
    const params = { workspaceId, entityId };
    const first = await patch(R.entity, params, owner, { version: 1, aliases: ["Massoud"] });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ version: 2, aliases: ["Massoud"] });

    // The reviewer loaded the entity at version 1 and renames it, unaware of the owner's aliases.
    const stale = await patch(R.entity, params, reviewer, { version: 1, name: "A. Massoud", aliases: [] });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: "CONFLICT",
      details: { yourVersion: 1, currentVersion: 2, current: { id: entityId, name: "Ahmad Massoud", version: 2 } },
    });
    expect(await db.entity.findUniqueOrThrow({ where: { id: entityId } })).toMatchObject({
      name: "Ahmad Massoud",
      aliases: ["Massoud"],
      version: 2,
    });

    const retried = await patch(R.entity, params, reviewer, { version: 2, name: "A. Massoud" });
    expect(retried.status).toBe(200);
    expect(retried.body.data).toMatchObject({ name: "A. Massoud", aliases: ["Massoud"], version: 3 });
  });

  it("needs the version: an edit without one is refused before anything is written", async () => {
    const entityId = await makeEntity(workspaceId, { name: "Kabul" });
    const missing = await patch(R.entity, { workspaceId, entityId }, owner, { name: "Kābul" });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.fieldErrors).toHaveProperty("version");
    expect((await db.entity.findUniqueOrThrow({ where: { id: entityId } })).name).toBe("Kabul");
  });

  it("counts a merge as a change of both entities: an edit loaded before it is refused", async () => {
    const from = await makeEntity(workspaceId, { name: "Massoud (duplicate)" });
    const into = await makeEntity(workspaceId, { name: "Ahmad Shah Massoud" });
    const merged = await callRoute({
      file: R.merge,
      method: "POST",
      params: { workspaceId, entityId: from },
      cookie: await sessionCookie(owner),
      json: { intoId: into },
    });
    expect(merged.status).toBe(200);
    const stale = await patch(R.entity, { workspaceId, entityId: into }, reviewer, { version: 1, description: "x" });
    expect(stale.status).toBe(409);
    expect((await db.entity.findUniqueOrThrow({ where: { id: into } })).description).toBeNull();
  });
});

describe("editing an entity type", () => {
  it("bumps the version, and refuses an edit or an archiving made on an older one", async () => {
    const typeId = await entityTypeId(workspaceId, `Vessel ${newId().slice(0, 6)}`);
    const params = { workspaceId, typeId };
    const recoloured = await patch(R.entityType, params, owner, { version: 1, color: "#336699" });
    expect(recoloured.status).toBe(200);
    expect(recoloured.body.data).toMatchObject({ color: "#336699", version: 2 });

    const stale = await patch(R.entityType, params, reviewer, { version: 1, archived: true });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ currentVersion: 2, current: { id: typeId, archivedAt: null } });
    expect(await db.entityType.findUniqueOrThrow({ where: { id: typeId } })).toMatchObject({
      archivedAt: null,
      color: "#336699",
    });

    const archived = await patch(R.entityType, params, reviewer, { version: 2, archived: true });
    expect(archived.status).toBe(200);
    expect(archived.body.data).toMatchObject({ archivedAt: expect.any(String), version: 3 });
  });

  it("records the change without the version in the activity log", async () => {
    const typeId = await entityTypeId(workspaceId, `Place ${newId().slice(0, 6)}`);
    expect((await patch(R.entityType, { workspaceId, typeId }, owner, { version: 1, color: "#aa44cc" })).status).toBe(
      200,
    );
    const event = await db.activityEvent.findFirstOrThrow({
      where: { workspaceId, action: "entity_type.updated", targetId: typeId },
    });
    expect(event.data).toEqual({ color: "#aa44cc" });
  });
});

describe("editing a relation type", () => {
  it("bumps the version, and refuses an edit made on an older one with the current type", async () => {
    const typeId = newId();
    await db.relationType.create({
      data: { id: typeId, workspaceId, name: `funds ${typeId.slice(0, 6)}`, color: "#336699" },
    });
    const params = { workspaceId, typeId };
    const renamed = await patch(R.relationType, params, owner, { version: 1, inverseLabel: "funded by" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ inverseLabel: "funded by", version: 2 });

    const stale = await patch(R.relationType, params, reviewer, { version: 1, directed: false });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ directed: true, inverseLabel: "funded by", version: 2 });
    expect(await db.relationType.findUniqueOrThrow({ where: { id: typeId } })).toMatchObject({
      directed: true,
      version: 2,
    });
  });

  it("lets only one of two concurrent edits made on the same version land", async () => {
    const typeId = newId();
    await db.relationType.create({
      data: { id: typeId, workspaceId, name: `pays ${typeId.slice(0, 6)}`, color: "#336699" },
    });
    const params = { workspaceId, typeId };
    const results = await Promise.all([
      patch(R.relationType, params, owner, { version: 1, color: "#111111" }),
      patch(R.relationType, params, reviewer, { version: 1, color: "#222222" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body.data.color;
    expect(await db.relationType.findUniqueOrThrow({ where: { id: typeId } })).toMatchObject({
      color: winner,
      version: 2,
    });
  });
});
