// Actions on a search's annotation results (issue 14): Change entity (all or
// none, version-checked, undone as one action) and Export these (exactly the
// annotations the search lists for the caller).
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { unzipText } from "@/lib/export/test/unzip";
import type { SearchResponse, SetAnnotationEntitiesResult } from "@/lib/validations/search";
import { callRoute } from "@/test/call-route";
import {
  currentRevision,
  makeAnnotation,
  makeArticle,
  makeAssignment,
  makeEntity,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const SEARCH = "api/workspaces/[workspaceId]/search/route.ts";
const ENTITY = "api/workspaces/[workspaceId]/annotations/entity/route.ts";
const EXPORT = "api/workspaces/[workspaceId]/search/export/route.ts";

let owner: TestUser;
let analyst: TestUser;
let other: TestUser;
let workspaceId: string;
let blindArticle: string;
let openArticle: string;
let kabulId: string;
let cityId: string;
/** On the open article: the analyst's two, the other analyst's one. On the blind article: the other's one. */
let mine: string[];
let theirsOpen: string;
let theirsBlind: string;

async function as(user: TestUser, init: { file: string; method: string; json?: unknown; search?: string }) {
  return callRoute({ ...init, params: { workspaceId }, cookie: await sessionCookie(user) });
}

async function annotationResults(user: TestUser, q: string) {
  const res = await as(user, {
    file: SEARCH,
    method: "GET",
    search: `?q=${encodeURIComponent(q)}&kind=annotation&limit=100`,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as SearchResponse).data;
}

const versions = async (ids: string[]) =>
  (
    await db.annotation.findMany({ where: { id: { in: ids } }, select: { id: true, version: true, entityId: true } })
  ).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));

beforeAll(async () => {
  owner = await makeUser({ name: "Ada Owner" });
  analyst = await makeUser({ name: "Zed Analyst" });
  other = await makeUser({ name: "Bo Analyst" });
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
    { user: other, role: "ANALYST" },
  ]);
  kabulId = await makeEntity(workspaceId, { name: "Kabul", type: "Location" });
  cityId = await makeEntity(workspaceId, { name: "Kabul City", type: "Location" });
  openArticle = await makeArticle(workspaceId, owner.id, {
    text: "Title\n\nKabul fell. Later Kabul recovered in Kabul.",
  });
  blindArticle = await makeArticle(workspaceId, owner.id, { text: "Title\n\nKabul again, on the blind article." });
  await makeAssignment(workspaceId, blindArticle, analyst.id, owner.id, { blind: true });
  const open = (await currentRevision(openArticle)).text;
  const at = (n: number) =>
    open
      .split("Kabul", n + 1)
      .slice(0, n + 1)
      .join("Kabul").length;
  mine = [
    await makeAnnotation(workspaceId, openArticle, analyst.id, { start: at(0), length: 5, entityId: kabulId }),
    await makeAnnotation(workspaceId, openArticle, analyst.id, { start: at(1), length: 5 }),
  ];
  theirsOpen = await makeAnnotation(workspaceId, openArticle, other.id, { start: at(2), length: 5, entityId: kabulId });
  const blind = (await currentRevision(blindArticle)).text;
  theirsBlind = await makeAnnotation(workspaceId, blindArticle, other.id, {
    start: blind.indexOf("Kabul"),
    length: 5,
    entityId: kabulId,
  });
});

describe("Change entity (POST …/annotations/entity)", () => {
  it("sets the entity of the analyst's own results in one go, and its answer undoes it as one action", async () => {
    const before = await versions(mine);
    const res = await as(analyst, {
      file: ENTITY,
      method: "POST",
      json: { items: before.map((a) => ({ id: a.id, version: a.version, entityId: cityId })) },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const { data } = (await res.json()) as { data: SetAnnotationEntitiesResult };
    expect(data.items.map((i) => i.previousEntityId)).toEqual([kabulId, null]);
    const after = await versions(mine);
    expect(after.map((a) => a.entityId)).toEqual([cityId, cityId]);
    expect(after.map((a) => a.version)).toEqual(before.map((a) => a.version + 1));
    // The search index follows in the same transaction.
    expect((await annotationResults(analyst, 'entity:"Kabul City"')).map((r) => r.id).sort()).toEqual([...mine].sort());

    const undo = await as(analyst, {
      file: ENTITY,
      method: "POST",
      json: { items: data.items.map((i) => ({ id: i.id, version: i.version, entityId: i.previousEntityId })) },
    });
    expect(undo.status).toBe(200);
    expect((await versions(mine)).map((a) => a.entityId)).toEqual([kabulId, null]);
    expect(await annotationResults(analyst, 'entity:"Kabul City"')).toEqual([]);
  });

  it("changes nothing when one version is stale (409), someone else's is included (403) or hidden by the blind rule (404)", async () => {
    const before = await versions([...mine, theirsOpen, theirsBlind]);
    const items = (list: typeof before) => list.map((a) => ({ id: a.id, version: a.version, entityId: cityId }));
    const stale = await as(analyst, {
      file: ENTITY,
      method: "POST",
      json: { items: [...items(before.slice(0, 1)), { ...items(before.slice(1, 2))[0], version: 99 }] },
    });
    expect(stale.status).toBe(409);
    const forbidden = await as(analyst, { file: ENTITY, method: "POST", json: { items: items(before.slice(0, 3)) } });
    expect(forbidden.status).toBe(403);
    const hidden = await as(analyst, {
      file: ENTITY,
      method: "POST",
      json: { items: items([before[0], before[3]]) },
    });
    expect(hidden.status).toBe(404);
    expect(await versions([...mine, theirsOpen, theirsBlind])).toEqual(before);

    // An owner changes anyone's; a merged or unknown entity is refused.
    const unknown = await as(owner, {
      file: ENTITY,
      method: "POST",
      json: { items: [{ id: theirsOpen, version: before[2].version, entityId: "nope" }] },
    });
    expect(unknown.status).toBe(422);
    const ok = await as(owner, {
      file: ENTITY,
      method: "POST",
      json: { items: items([before[2], before[3]]) },
    });
    expect(ok.status).toBe(200);
    const { data } = (await ok.json()) as { data: SetAnnotationEntitiesResult };
    await as(owner, {
      file: ENTITY,
      method: "POST",
      json: { items: data.items.map((i) => ({ id: i.id, version: i.version, entityId: i.previousEntityId })) },
    });
  });
});

describe("Export these (GET …/search/export)", () => {
  async function exported(user: TestUser, q: string, format = "csv") {
    const res = await as(user, {
      file: EXPORT,
      method: "GET",
      search: `?q=${encodeURIComponent(q)}&format=${format}`,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    return unzipText(Buffer.from(await res.arrayBuffer()));
  }

  const csvIds = (files: { text: string }[]) =>
    files
      .flatMap((f) => parse(f.text, { columns: true, bom: true }) as { annotation_id: string }[])
      .map((r) => r.annotation_id)
      .sort();

  it("holds exactly the annotations the search lists for the caller, blind rule included", async () => {
    for (const [user, q] of [
      [analyst, 'entity:"Kabul"'],
      [owner, 'entity:"Kabul"'],
      [owner, 'entity:"Kabul" author:bo'],
      [analyst, "kabul -fell"],
    ] as const) {
      const listed = (await annotationResults(user, q)).map((r) => r.id).sort();
      expect(listed.length, q).toBeGreaterThan(0);
      expect(csvIds(await exported(user, q)), `${user.name}: ${q}`).toEqual(listed);
    }
    // The blind analyst never gets the other analyst's annotation on the blind article; the owner does.
    expect(csvIds(await exported(analyst, 'entity:"Kabul"'))).not.toContain(theirsBlind);
    expect(csvIds(await exported(owner, 'entity:"Kabul"'))).toContain(theirsBlind);
  });

  it("takes any export format, and answers 400 for an empty query or an unknown format", async () => {
    const [w3c] = await exported(owner, 'entity:"Kabul"', "w3c");
    const collection = JSON.parse(w3c.text) as { total: number };
    expect(collection.total).toBe((await annotationResults(owner, 'entity:"Kabul"')).length);
    expect((await exported(owner, 'entity:"Kabul"', "jsonl")).length).toBeGreaterThan(0);
    expect((await as(owner, { file: EXPORT, method: "GET", search: "?q=&format=csv" })).status).toBe(400);
    expect((await as(owner, { file: EXPORT, method: "GET", search: "?q=kabul&format=pdf" })).status).toBe(400);
  });
});
