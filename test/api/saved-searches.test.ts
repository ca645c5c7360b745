// Saved searches (issue 14): a member saves, renames, deletes and opens their
// own queries; the list counts the matches that are new since each was last
// opened — only those the member may see.
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reviseArticle } from "@/lib/server/articles/revise-article";
import { contentFromPlainText } from "@/lib/content/plain-text";
import type { SavedSearchView } from "@/lib/validations/saved-search";
import { callRoute } from "@/test/call-route";
import {
  currentRevision,
  makeAnnotation,
  makeArticle,
  makeAssignment,
  makeComment,
  makeEntity,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const LIST = "api/workspaces/[workspaceId]/saved-searches/route.ts";
const ONE = "api/workspaces/[workspaceId]/saved-searches/[savedSearchId]/route.ts";
const OPEN = "api/workspaces/[workspaceId]/saved-searches/[savedSearchId]/open/route.ts";

let owner: TestUser;
let analyst: TestUser;
let other: TestUser;
let workspaceId: string;
let blindArticle: string;
let openArticle: string;
let massoudId: string;

async function call(user: TestUser, method: string, file: string, extra: { id?: string; json?: unknown } = {}) {
  return callRoute({
    file,
    method,
    params: { workspaceId, ...(extra.id ? { savedSearchId: extra.id } : {}) },
    json: extra.json,
    cookie: await sessionCookie(user),
  });
}

async function list(user: TestUser): Promise<SavedSearchView[]> {
  const res = await call(user, "GET", LIST);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { data: SavedSearchView[] }).data;
}

async function save(user: TestUser, name: string, query: string): Promise<SavedSearchView> {
  const res = await call(user, "POST", LIST, { json: { name, query } });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { data: SavedSearchView }).data;
}

const countOf = async (user: TestUser, id: string) => (await list(user)).find((s) => s.id === id)!.newCount;

// Index entries and openings are stamped in milliseconds: leave one between them.
const tick = () => sleep(5);

beforeAll(async () => {
  owner = await makeUser({ name: "Ada Owner" });
  analyst = await makeUser({ name: "Zed Analyst" });
  other = await makeUser({ name: "Bo Analyst" });
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
    { user: other, role: "ANALYST" },
  ]);
  massoudId = await makeEntity(workspaceId, { name: "Ahmad Massoud" });
  blindArticle = await makeArticle(workspaceId, owner.id, { text: "Title\n\nAhmad Massoud spoke in Panjshir." });
  openArticle = await makeArticle(workspaceId, owner.id, { text: "Title\n\nNothing about the valley here." });
  await makeAssignment(workspaceId, blindArticle, analyst.id, owner.id, { blind: true });
  await makeAssignment(workspaceId, blindArticle, other.id, owner.id, { blind: true });
});

describe("saved searches", () => {
  it("saves, lists by name, renames and deletes the caller's own; names are unique per member", async () => {
    const b = await save(analyst, "Valley", "valley");
    const a = await save(analyst, "Annotations of Massoud", 'entity:"Ahmad Massoud" kind:annotation');
    expect(b.newCount).toBe(0);
    expect((await list(analyst)).map((s) => s.name)).toEqual(["Annotations of Massoud", "Valley"]);
    // Another member sees none of them and may save the same name.
    expect(await list(other)).toEqual([]);
    await save(other, "Valley", "valley");

    const clash = await call(analyst, "POST", LIST, { json: { name: "VALLEY", query: "x" } });
    expect(clash.status).toBe(409);
    const renamed = await call(analyst, "PATCH", ONE, { id: a.id, json: { name: "Massoud tags" } });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { data: SavedSearchView }).data.name).toBe("Massoud tags");
    expect((await call(analyst, "PATCH", ONE, { id: a.id, json: { name: "Valley" } })).status).toBe(409);

    // Someone else's is a 404, for every verb.
    expect((await call(other, "PATCH", ONE, { id: b.id, json: { name: "Mine" } })).status).toBe(404);
    expect((await call(other, "DELETE", ONE, { id: b.id })).status).toBe(404);
    expect((await call(other, "POST", OPEN, { id: b.id })).status).toBe(404);

    expect((await call(analyst, "DELETE", ONE, { id: b.id })).status).toBe(204);
    expect((await list(analyst)).map((s) => s.name)).toEqual(["Massoud tags"]);
    expect((await call(analyst, "DELETE", ONE, { id: b.id })).status).toBe(404);
    const row = await db.savedSearch.findUniqueOrThrow({ where: { id: b.id } });
    expect(row.deletedAt).not.toBeNull();
    const events = await db.activityEvent.findMany({
      where: { workspaceId, targetId: { in: [a.id, b.id] } },
      select: { action: true },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.action).sort()).toEqual([
      "saved_search.created",
      "saved_search.created",
      "saved_search.deleted",
      "saved_search.renamed",
    ]);
  });

  it("refuses an empty query or name", async () => {
    expect((await call(analyst, "POST", LIST, { json: { name: "", query: "x" } })).status).toBe(422);
    expect((await call(analyst, "POST", LIST, { json: { name: "Empty", query: "  " } })).status).toBe(422);
  });

  it("counts new matches exactly, only those the viewer may see, and opening starts again from 0", async () => {
    const mine = await save(analyst, "Massoud", "Massoud");
    const ownerSearch = await save(owner, "Massoud", "Massoud");
    await tick();

    // The other analyst's annotation and comment on the blind article: the owner sees them, the analyst does not.
    const { text } = await currentRevision(blindArticle);
    const hidden = await makeAnnotation(workspaceId, blindArticle, other.id, {
      start: text.indexOf("Ahmad Massoud"),
      length: 13,
      entityId: massoudId,
    });
    await makeComment(workspaceId, other.id, { annotationId: hidden, text: "Massoud again" });
    // The analyst's own annotation there, and a new passage on the open article.
    await makeAnnotation(workspaceId, blindArticle, analyst.id, { start: text.indexOf("Massoud"), length: 7 });
    await reviseArticle({
      workspaceId,
      articleId: openArticle,
      actorId: owner.id,
      baseRevisionId: (await currentRevision(openArticle)).id,
      content: contentFromPlainText("Title\n\nNothing about the valley here.\n\nMassoud visited the valley."),
    });
    // A deleted annotation counts for nobody.
    await makeAnnotation(workspaceId, blindArticle, owner.id, {
      start: text.indexOf("Massoud"),
      length: 7,
      deleted: true,
    });

    // analyst: own annotation + the new passage. owner: + the other's annotation and comment.
    expect(await countOf(analyst, mine.id)).toBe(2);
    expect(await countOf(owner, ownerSearch.id)).toBe(4);

    const opened = await call(analyst, "POST", OPEN, { id: mine.id });
    expect(opened.status).toBe(200);
    expect(((await opened.json()) as { data: SavedSearchView }).data.newCount).toBe(0);
    expect(await countOf(analyst, mine.id)).toBe(0);
    expect(await countOf(owner, ownerSearch.id)).toBe(4);

    // The unchanged paragraph of a revision is not new; a changed one is.
    await tick();
    await reviseArticle({
      workspaceId,
      articleId: openArticle,
      actorId: owner.id,
      baseRevisionId: (await currentRevision(openArticle)).id,
      content: contentFromPlainText(
        "Title\n\nNothing about the valley here.\n\nMassoud visited the valley.\n\nMassoud left.",
      ),
    });
    expect(await countOf(analyst, mine.id)).toBe(1);

    // Re-tagging an old annotation to Massoud makes it a new match of entity:"Ahmad Massoud".
    const tagged = await save(analyst, "Tagged Massoud", 'entity:"Ahmad Massoud" kind:annotation');
    const own = await db.annotation.findFirstOrThrow({
      where: { articleId: blindArticle, authorId: analyst.id, deletedAt: null },
    });
    await tick();
    await db.annotation.update({ where: { id: own.id }, data: { entityId: massoudId } });
    expect(await countOf(analyst, tagged.id)).toBe(1);
  });
});
