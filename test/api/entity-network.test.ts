import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { CooccurrencePassages, EntityNetwork } from "@/lib/entity-network/types";
import { callRoute } from "@/test/call-route";
import {
  currentRevision,
  makeAnnotation,
  makeArticle,
  makeEntity,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const networkRoute = "api/workspaces/[workspaceId]/entity-network/route.ts";
const passagesRoute = "api/workspaces/[workspaceId]/entity-network/passages/route.ts";

// Ten emoji (twenty UTF-16 units, ten characters to Postgres) ahead of Bob: a
// paragraph split that counted characters would put Bob in the next paragraph.
const FIRST = [
  "😀😀😀😀😀😀😀😀😀😀 Alice met Bob.",
  "🇦🇫 Alice and Carol talked.",
  "Bob alone, with Dave.",
  "Alice, Bob and Carol 👩‍👩‍👧 met again with Bob.",
].join("\n\n");
const SECOND = "Carol wrote to Dave.\n\nAlice and Dave replied.";

let owner: TestUser;
let viewer: TestUser;
let outsider: TestUser;
let workspaceId: string;
let first: string;
let second: string;
let alice: string;
let bob: string;
let carol: string;
let dave: string;
let merged: string;
let deleted: string;

async function tag(articleId: string, entityId: string, quote: string, nth = 0, authorId = owner.id) {
  const { text } = await currentRevision(articleId);
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`"${quote}" #${nth} not in the article`);
  return makeAnnotation(workspaceId, articleId, authorId, { start, length: quote.length, entityId });
}

async function network(user: TestUser, search = ""): Promise<{ status: number; data: EntityNetwork }> {
  const res = await callRoute({
    file: networkRoute,
    method: "GET",
    params: { workspaceId },
    cookie: await sessionCookie(user),
    search,
  });
  return { status: res.status, data: (await res.json()).data };
}

const weights = (data: EntityNetwork) =>
  Object.fromEntries(data.edges.map((e) => [[name(e.source), name(e.target)].sort().join("–"), e.weight]));
const name = (id: string) =>
  ({ [alice]: "Alice", [bob]: "Bob", [carol]: "Carol", [dave]: "Dave", [merged]: "Merged", [deleted]: "Deleted" })[id];

beforeAll(async () => {
  [owner, viewer, outsider] = await Promise.all(["Owner", "Viewer", "Outsider"].map((n) => makeUser({ name: n })));
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: viewer, role: "VIEWER" },
  ]);
  await makeWorkspace([{ user: outsider, role: "OWNER" }]);
  first = await makeArticle(workspaceId, owner.id, { text: FIRST });
  second = await makeArticle(workspaceId, owner.id, { text: SECOND });
  // One at a time: the factory creates each missing type, and two at once would both create "Person".
  const made: string[] = [];
  for (const [entity, type] of [
    ["Alice"],
    ["Bob"],
    ["Carol", "Organization"],
    ["Dave", "Place"],
    ["Merged"],
    ["Deleted"],
  ]) {
    made.push(await makeEntity(workspaceId, { name: entity, type }));
  }
  [alice, bob, carol, dave, merged, deleted] = made;
  await db.entity.update({ where: { id: merged }, data: { mergedIntoId: alice } });
  await db.entity.update({ where: { id: deleted }, data: { deletedAt: new Date() } });

  await tag(first, alice, "Alice", 0);
  await tag(first, bob, "Bob", 0);
  await tag(first, alice, "Alice", 1);
  await tag(first, carol, "Carol", 0);
  await tag(first, bob, "Bob", 1);
  await tag(first, dave, "Dave", 0);
  await tag(first, alice, "Alice", 2);
  await tag(first, bob, "Bob", 2);
  await tag(first, carol, "Carol", 1);
  await tag(first, bob, "Bob", 3); // Bob twice in one paragraph still counts that paragraph once.
  // Neither a merged nor a deleted entity is a node, so neither links to anyone.
  // (Another author's: one author never has two live annotations on one span.)
  await tag(first, merged, "Alice", 0, viewer.id);
  await tag(first, deleted, "Bob", 0, viewer.id);
  // A deleted annotation is no mention; an orphaned one is a mention without a place.
  const gone = await tag(first, dave, "Alice", 1);
  await db.annotation.update({ where: { id: gone }, data: { deletedAt: new Date() } });
  const orphan = await tag(first, dave, "Carol", 1);
  await db.annotation.update({ where: { id: orphan }, data: { anchorState: "ORPHANED" } });

  await tag(second, carol, "Carol");
  await tag(second, dave, "Dave", 0);
  await tag(second, alice, "Alice");
  await tag(second, dave, "Dave", 1);
  // A deleted article's mentions and co-occurrences count nowhere.
  const removed = await makeArticle(workspaceId, owner.id, { text: "Alice and Bob.", deleted: true });
  await tag(removed, alice, "Alice");
  await tag(removed, bob, "Bob");
});

describe("GET entity-network", () => {
  it("links entities tagged in the same paragraph, weighted by paragraphs, counting UTF-16 offsets", async () => {
    const { status, data } = await network(viewer);
    expect(status).toBe(200);
    expect(Object.fromEntries(data.nodes.map((n) => [name(n.id), n.mentions]))).toEqual({
      Alice: 4,
      Bob: 4,
      Carol: 3,
      Dave: 4,
    });
    expect(weights(data)).toEqual({
      "Alice–Bob": 2,
      "Alice–Carol": 2,
      "Bob–Carol": 1,
      "Bob–Dave": 1,
      "Carol–Dave": 1,
      "Alice–Dave": 1,
    });
    expect(data.edges.every((e) => e.source < e.target)).toBe(true);
    expect(data.edges.map((e) => e.weight)).toEqual([...data.edges.map((e) => e.weight)].sort((a, b) => b - a));
    expect(data.types.map((t) => t.name).sort()).toEqual(["Organization", "Person", "Place"]);
    expect(data.truncated).toBe(false);
  });

  it("filters by article, type and minimum weight", async () => {
    expect(weights((await network(owner, `?articleId=${second}`)).data)).toEqual({
      "Carol–Dave": 1,
      "Alice–Dave": 1,
    });
    const inSecond = (await network(owner, `?articleId=${second}`)).data.nodes;
    expect(Object.fromEntries(inSecond.map((n) => [name(n.id), n.mentions]))).toEqual({ Alice: 1, Carol: 1, Dave: 2 });

    const { data: people } = await network(owner, "");
    const person = people.types.find((t) => t.name === "Person")!.id;
    const place = people.types.find((t) => t.name === "Place")!.id;
    const typed = (await network(owner, `?typeId=${person}&typeId=${place}`)).data;
    expect(typed.nodes.map((n) => name(n.id)).sort()).toEqual(["Alice", "Bob", "Dave"]);
    expect(weights(typed)).toEqual({ "Alice–Bob": 2, "Bob–Dave": 1, "Alice–Dave": 1 });

    expect(weights((await network(owner, "?minWeight=2")).data)).toEqual({ "Alice–Bob": 2, "Alice–Carol": 2 });
  });

  it("refuses a bad filter (422)", async () => {
    expect((await network(owner, "?minWeight=0")).status).toBe(422);
  });

  it("is invisible outside the workspace (404) and needs a session (401)", async () => {
    expect((await network(outsider)).status).toBe(404);
    const res = await callRoute({ file: networkRoute, method: "GET", params: { workspaceId } });
    expect(res.status).toBe(401);
  });

  it("is empty for a workspace with no tagged entity", async () => {
    const lonely = await makeUser();
    const empty = await makeWorkspace([{ user: lonely, role: "OWNER" }]);
    await makeEntity(empty, { name: "Untagged" });
    const res = await callRoute({
      file: networkRoute,
      method: "GET",
      params: { workspaceId: empty },
      cookie: await sessionCookie(lonely),
    });
    expect((await res.json()).data).toEqual({
      types: [],
      nodes: [],
      edges: [],
      truncated: false,
      relationTypes: [],
      relationEdges: [],
    });
  });
});

describe("GET entity-network/passages", () => {
  async function passages(user: TestUser, search: string) {
    const res = await callRoute({
      file: passagesRoute,
      method: "GET",
      params: { workspaceId },
      cookie: await sessionCookie(user),
      search,
    });
    return { status: res.status, data: (await res.json()).data as CooccurrencePassages };
  }

  it("lists the paragraphs where both occur, with highlights in the paragraph's offsets", async () => {
    const { status, data } = await passages(viewer, `?source=${bob}&target=${alice}`);
    expect(status).toBe(200);
    expect(data.total).toBe(2);
    const paragraphs = FIRST.split("\n\n");
    expect(data.passages.map((p) => [p.articleId, p.paragraph, p.text])).toEqual([
      [first, 0, paragraphs[0]],
      [first, 3, paragraphs[3]],
    ]);
    for (const passage of data.passages) {
      expect(passage.cutBefore || passage.cutAfter).toBe(false);
      for (const h of passage.highlights) {
        expect(passage.text.slice(h.start, h.end)).toBe(h.entityId === alice ? "Alice" : "Bob");
      }
    }
    expect(data.passages[1].highlights.map((h) => name(h.entityId))).toEqual(["Alice", "Bob", "Bob"]);
  });

  it("narrows to an article, and is empty for entities that never meet", async () => {
    expect((await passages(owner, `?source=${alice}&target=${dave}&articleId=${second}`)).data.total).toBe(1);
    expect((await passages(owner, `?source=${alice}&target=${dave}&articleId=${first}`)).data.total).toBe(0);
    expect((await passages(owner, `?source=${alice}&target=${merged}`)).data).toEqual({ total: 0, passages: [] });
  });

  it("refuses one entity twice (422) and other workspaces (404)", async () => {
    expect((await passages(owner, `?source=${alice}&target=${alice}`)).status).toBe(422);
    expect((await passages(outsider, `?source=${alice}&target=${bob}`)).status).toBe(404);
  });

  it("answers 404 for another workspace's entities or article, as every other route does", async () => {
    const elsewhere = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const [x, y] = [await makeEntity(elsewhere, { name: "X" }), await makeEntity(elsewhere, { name: "Y" })];
    const otherArticle = await makeArticle(elsewhere, owner.id);
    for (const search of [
      `?source=${x}&target=${y}`,
      `?source=${alice}&target=${y}`,
      `?source=${alice}&target=${bob}&articleId=${otherArticle}`,
      `?source=${alice}&target=no-such-entity`,
      `?source=${alice}&target=${deleted}`,
    ]) {
      const res = await callRoute({
        file: passagesRoute,
        method: "GET",
        params: { workspaceId },
        cookie: await sessionCookie(owner),
        search,
      });
      expect(res.status, search).toBe(404);
      expect((await res.json()).error.code).toBe("NOT_FOUND");
    }
  });
});
