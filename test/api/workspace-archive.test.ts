// Workspace archive: an owner downloads the whole workspace (zip of JSON Lines) and imports it as a
// new workspace; archive → import → archive gives the same content once ids are replaced by what
// they name. Non-owners are refused; a damaged zip or a bad line answers 4xx and writes nothing.
import { ZipFile } from "yazl";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { contentFromPlainText } from "@/lib/content/plain-text";
import { canonicalText } from "@/lib/anchoring/canonical-text";
import type { Prisma } from "@/lib/generated/prisma/client";
import { unzipText } from "@/lib/export/test/unzip";
import { openApiDocument } from "@/lib/openapi/document";
import { dataOf } from "@/lib/openapi/registry";
import type { ImportProgress } from "@/lib/validations/annotation-import";
import { archiveImportResultSchema } from "@/lib/validations/workspace-archive";
import { callRoute } from "@/test/call-route";
import {
  commentBody,
  entityTypeId,
  makeAnnotation,
  makeArticle,
  makeAssignment,
  makeComment,
  makeEntity,
  makeRelation,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const archiveFile = "api/workspaces/[workspaceId]/archive/route.ts";
const importFile = "api/workspaces/import-archive/route.ts";

let owner: TestUser;
let reviewer: TestUser;
let analyst: TestUser;
let former: TestUser;
let workspaceId: string;

async function addRevision(articleId: string, number: number, text: string, authorId: string): Promise<string> {
  const content = contentFromPlainText(text);
  const id = newId();
  await db.articleRevision.create({
    data: {
      id,
      workspaceId,
      articleId,
      number,
      content: content as Prisma.InputJsonValue,
      text: canonicalText(content),
      authorId,
      createdAt: new Date(Date.parse("2026-05-01T00:00:00Z") + number * 60_000),
    },
  });
  return id;
}

beforeAll(async () => {
  [owner, reviewer, analyst, former] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: reviewer, role: "REVIEWER" },
    { user: analyst, role: "ANALYST" },
  ]);
  await db.workspace.update({ where: { id: workspaceId }, data: { selfReviewAllowed: true } });
  // Entity types and entities: one archived type, a merged entity and a deleted one.
  const person = await entityTypeId(workspaceId, "Person");
  await db.entityType.create({
    data: { id: newId(), workspaceId, name: "Old type", color: "#123456", shortcut: "o", archivedAt: new Date() },
  });
  const ada = await makeEntity(workspaceId, { name: "Ada Lovelace", aliases: ["Ada", "Countess"] });
  const adaDup = await makeEntity(workspaceId, { name: "A. Lovelace" });
  await db.entity.update({ where: { id: adaDup }, data: { mergedIntoId: ada, externalId: "Q7259" } });
  const gone = await makeEntity(workspaceId, { name: "Gone" });
  await db.entity.update({ where: { id: gone }, data: { deletedAt: new Date(), description: "removed" } });

  // An article with three revisions; annotations on the current one and an orphan left on the first.
  const articleId = await makeArticle(workspaceId, analyst.id, {
    text: "Ada Lovelace wrote notes.\n\nThe engine was analytical.",
  });
  await db.article.update({
    where: { id: articleId },
    data: {
      authors: ["B. Writer"],
      source: "Gazette",
      language: "en",
      publishedAt: new Date("2026-01-02"),
      canonicalUrl: "https://gazette.example/ada",
      capturedAt: new Date("2026-04-30T10:00:00Z"),
    },
  });
  const first = (await db.article.findUniqueOrThrow({ where: { id: articleId } })).currentRevisionId!;
  await addRevision(articleId, 2, "Ada Lovelace wrote many notes.\n\nThe engine was analytical.", reviewer.id);
  const third = await addRevision(
    articleId,
    3,
    "Ada Lovelace wrote many notes.\n\nThe engine was analytical and general.",
    reviewer.id,
  );
  await db.articleRevision.update({
    where: { id: third },
    data: {
      pages: [
        { page: 1, start: 0 },
        { page: 2, start: 31 },
      ],
    },
  });
  await db.article.update({ where: { id: articleId }, data: { currentRevisionId: third } });
  const accepted = await makeAnnotation(workspaceId, articleId, analyst.id, { start: 0, length: 12, entityId: ada });
  await db.annotation.update({
    where: { id: accepted },
    data: { status: "ACCEPTED", reviewedAt: new Date(), reviewedById: reviewer.id, version: 2, note: "the author" },
  });
  const rejected = await makeAnnotation(workspaceId, articleId, former.id, { start: 4, length: 8 });
  await db.annotation.update({
    where: { id: rejected },
    data: { status: "REJECTED", reviewedAt: new Date(), reviewedById: owner.id, rejectionReason: "Too narrow" },
  });
  const orphan = await makeAnnotation(workspaceId, articleId, analyst.id, { start: 13, length: 5 });
  await db.annotation.update({
    where: { id: orphan },
    data: { revisionId: first, anchorState: "ORPHANED", exact: "notes", start: 19, end: 24 },
  });
  await makeAnnotation(workspaceId, articleId, analyst.id, { start: 20, length: 4, deleted: true });
  await db.annotation.update({
    where: { id: accepted },
    data: { threadResolvedAt: new Date(), threadResolvedById: reviewer.id },
  });

  // Relation types (one constrained Person → Person, one symmetric and archived) and relations:
  // a reviewed one, and one deleted along with an annotation.
  const heads = await db.relationType.create({
    data: {
      id: newId(),
      workspaceId,
      name: "heads",
      inverseLabel: "headed by",
      color: "#2f55d4",
      shortcut: "h",
      sourceTypeIds: [person],
      targetTypeIds: [person],
    },
  });
  const met = await db.relationType.create({
    data: {
      id: newId(),
      workspaceId,
      name: "met",
      directed: false,
      color: "#aa3300",
      sourceTypeIds: [],
      targetTypeIds: [],
      archivedAt: new Date(),
    },
  });
  await db.relation.create({
    data: {
      id: newId(),
      workspaceId,
      articleId,
      sourceId: accepted,
      targetId: rejected,
      typeId: heads.id,
      authorId: analyst.id,
      note: "says so in line 1",
      status: "ACCEPTED",
      reviewedAt: new Date(),
      reviewedById: reviewer.id,
      version: 3,
    },
  });
  await db.relation.create({
    data: {
      id: newId(),
      workspaceId,
      articleId,
      sourceId: rejected,
      targetId: orphan,
      typeId: met.id,
      authorId: former.id,
      status: "REJECTED",
      rejectionReason: "Not in the text",
      deletedWithId: rejected,
      deletedAt: new Date(),
    },
  });

  // A thread with an edited comment (its history), a deleted one and a hidden one.
  const edited = await makeComment(workspaceId, analyst.id, { annotationId: accepted, text: "Second version" });
  await db.commentRevision.create({
    data: {
      id: newId(),
      commentId: edited.commentId,
      body: commentBody("First version"),
      text: "First version",
      createdAt: new Date("2026-05-02T00:00:00Z"),
    },
  });
  await db.comment.update({ where: { id: edited.commentId }, data: { editedAt: new Date(), version: 2 } });
  await makeComment(workspaceId, reviewer.id, { annotationId: accepted, text: "Deleted", deleted: true });
  const hidden = await makeComment(workspaceId, former.id, { annotationId: rejected, text: "Rude" });
  await db.comment.update({ where: { id: hidden.commentId }, data: { hiddenAt: new Date(), hiddenById: owner.id } });

  await makeAssignment(workspaceId, articleId, analyst.id, reviewer.id, {
    submitted: true,
    dueAt: new Date("2026-06-01"),
  });
  const removed = await makeAssignment(workspaceId, articleId, reviewer.id, owner.id, { blind: false });
  await db.assignment.update({ where: { id: removed }, data: { deletedAt: new Date() } });

  await db.savedSearch.create({
    data: {
      id: newId(),
      workspaceId,
      userId: analyst.id,
      name: "Ada's notes",
      query: '"Ada Lovelace" -engine',
      lastOpenedAt: new Date("2026-05-05T00:00:00Z"),
    },
  });

  await db.activityEvent.createMany({
    data: [
      {
        id: newId(),
        workspaceId,
        actorId: analyst.id,
        action: "annotation.created",
        targetType: "annotation",
        targetId: accepted,
        data: { articleId, exact: "Ada Lovelace" },
        createdAt: new Date("2026-05-03T00:00:00Z"),
      },
      {
        id: newId(),
        workspaceId,
        actorId: owner.id,
        action: "member.removed",
        targetType: "user",
        targetId: former.id,
        data: { name: former.name },
        createdAt: new Date("2026-05-04T00:00:00Z"),
      },
    ],
  });
});

async function downloadArchive(id: string, user: TestUser = owner): Promise<Response> {
  return callRoute({
    file: archiveFile,
    method: "GET",
    params: { workspaceId: id },
    cookie: await sessionCookie(user),
  });
}

async function importArchive(
  zip: Buffer,
  user: TestUser = owner,
  type = "application/zip",
  search = "",
): Promise<Response> {
  return callRoute({
    file: importFile,
    method: "POST",
    search,
    cookie: await sessionCookie(user),
    headers: { "content-type": type, origin: "http://localhost:3000" },
    body: new Uint8Array(zip),
  });
}

type Archive = Record<string, unknown[]>;

async function readArchive(zip: Buffer): Promise<Archive> {
  const out: Archive = {};
  for (const entry of await unzipText(zip)) {
    out[entry.name] = entry.name.endsWith(".json")
      ? [JSON.parse(entry.text)]
      : entry.text
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line));
  }
  return out;
}

function rezip(archive: Record<string, string>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, text] of Object.entries(archive)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

type Row = Record<string, unknown>;

/** Where each workspace table's rows go in the archive, and the columns it leaves out on purpose. */
const archivedTables: Record<string, { file: string; omitted: string[] }> = {
  EntityType: { file: "entity-types.jsonl", omitted: ["workspaceId"] },
  Entity: { file: "entities.jsonl", omitted: ["workspaceId"] },
  Article: { file: "articles.jsonl", omitted: ["workspaceId"] },
  ArticleRevision: { file: "revisions.jsonl", omitted: ["workspaceId"] },
  Annotation: { file: "annotations.jsonl", omitted: ["workspaceId"] },
  RelationType: { file: "relation-types.jsonl", omitted: ["workspaceId"] },
  Relation: { file: "relations.jsonl", omitted: ["workspaceId"] },
  // articleId is the thread's annotation's (or relation's) article.
  Comment: { file: "comments.jsonl", omitted: ["workspaceId", "articleId"] },
  Assignment: { file: "assignments.jsonl", omitted: ["workspaceId"] },
  ActivityEvent: { file: "activity.jsonl", omitted: ["workspaceId"] },
  SavedSearch: { file: "saved-searches.jsonl", omitted: ["workspaceId"] },
  // Members are users.jsonl rows with a role; memberSince is the membership's creation.
  Membership: { file: "users.jsonl", omitted: ["id", "workspaceId", "userId", "role", "createdAt", "updatedAt"] },
};
/** Workspace tables an archive leaves out, and why. */
const tablesLeftOut: Record<string, string> = {
  ApiToken: "secrets of this installation",
  Invitation: "pending invitations are links to this installation",
  Notification: "each person's inbox on this installation",
  LiveEvent: "live-update delivery state",
  Presence: "who is reading right now",
  SearchEntry: "derived: the import's writes rebuild it through the index triggers",
  SearchFacetCount: "derived: the search index's triggers count the imported entries",
};

/**
 * The archive with every id replaced by what it names (a user's email, an article's title, an
 * annotation's article, span, author and time…) and rows sorted: two archives of the same
 * content compare equal whatever ids each installation gave.
 */
function canonical(archive: Archive): Record<string, string[]> {
  const key = new Map<string, string>();
  const rows = (file: string) => archive[file] as Row[];
  const k = (id: unknown) => key.get(id as string) ?? `?${String(id)}`;
  for (const u of rows("users.jsonl")) key.set(u.id as string, `user:${u.email as string}`);
  for (const t of rows("entity-types.jsonl")) key.set(t.id as string, `type:${t.name as string}`);
  for (const e of rows("entities.jsonl")) key.set(e.id as string, `entity:${e.name as string}`);
  for (const a of rows("articles.jsonl")) key.set(a.id as string, `article:${a.title as string}`);
  for (const r of rows("revisions.jsonl")) key.set(r.id as string, `${k(r.articleId)}#${r.number as number}`);
  for (const a of rows("annotations.jsonl")) {
    key.set(a.id as string, `${k(a.articleId)}@${a.start}-${a.end}/${k(a.authorId)}/${a.createdAt as string}`);
  }
  for (const t of rows("relation-types.jsonl")) key.set(t.id as string, `relation-type:${t.name as string}`);
  for (const r of rows("relations.jsonl")) {
    key.set(r.id as string, `relation:${k(r.sourceId)}->${k(r.targetId)}/${k(r.typeId)}`);
  }
  for (const c of rows("comments.jsonl"))
    key.set(c.id as string, `comment:${k(c.annotationId ?? c.relationId)}/${c.text as string}`);
  for (const a of rows("assignments.jsonl")) key.set(a.id as string, `assignment:${k(a.articleId)}/${k(a.assigneeId)}`);
  const replace = (value: unknown): unknown => {
    if (typeof value === "string") return key.get(value) ?? value;
    if (Array.isArray(value)) return value.map(replace);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([name]) => name !== "id")
          .map(([name, v]) => [name, replace(v)]),
      );
    }
    return value;
  };
  const out: Record<string, string[]> = {};
  for (const [file, list] of Object.entries(archive)) {
    if (file === "manifest.json") {
      out[file] = [JSON.stringify((list[0] as Row).workspace)];
      continue;
    }
    out[file] = list
      .filter((row) => (row as Row).action !== "workspace.archive_imported")
      .map((row) => JSON.stringify(replace(row)))
      .sort();
  }
  return out;
}

describe("workspace archive", () => {
  it("archive → import → archive gives the same content under new ids", async () => {
    const res = await downloadArchive(workspaceId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    const first = Buffer.from(await res.arrayBuffer());
    const archive = await readArchive(first);
    expect(Object.keys(archive)).toEqual([
      "manifest.json",
      "users.jsonl",
      "entity-types.jsonl",
      "entities.jsonl",
      "articles.jsonl",
      "revisions.jsonl",
      "annotations.jsonl",
      "relation-types.jsonl",
      "relations.jsonl",
      "comments.jsonl",
      "assignments.jsonl",
      "saved-searches.jsonl",
      "activity.jsonl",
    ]);
    expect(archive["relations.jsonl"]).toHaveLength(2);
    expect(archive["articles.jsonl"]).toContainEqual(
      expect.objectContaining({ canonicalUrl: "https://gazette.example/ada", capturedAt: "2026-04-30T10:00:00.000Z" }),
    );
    expect(archive["revisions.jsonl"]).toContainEqual(
      expect.objectContaining({
        pages: [
          { page: 1, start: 0 },
          { page: 2, start: 31 },
        ],
      }),
    );
    expect(archive["revisions.jsonl"]).toHaveLength(3);
    expect(archive["annotations.jsonl"]).toHaveLength(4);
    // The former member who wrote is named, without a role.
    expect(archive["users.jsonl"]).toContainEqual(expect.objectContaining({ email: former.email, role: null }));

    const imported = await importArchive(first);
    expect(imported.status).toBe(201);
    const { data } = (await imported.json()) as { data: { id: string; counts: Record<string, number> } };
    expect(data.id).not.toBe(workspaceId);
    expect(data.counts).toMatchObject({
      annotations: 4,
      revisions: 3,
      comments: 3,
      assignments: 2,
      "relation-types": 2,
      relations: 2,
      "saved-searches": 1,
    });

    // New ids everywhere.
    const oldIds = new Set(
      (await db.annotation.findMany({ where: { workspaceId }, select: { id: true } })).map((a) => a.id),
    );
    const newAnnotations = await db.annotation.findMany({ where: { workspaceId: data.id }, select: { id: true } });
    expect(newAnnotations).toHaveLength(4);
    for (const a of newAnnotations) expect(oldIds.has(a.id)).toBe(false);

    const again = await downloadArchive(data.id);
    expect(again.status).toBe(200);
    const second = await readArchive(Buffer.from(await again.arrayBuffer()));
    expect(canonical(second)).toEqual(canonical(archive));
  });

  it("carries every column of every workspace table, or the table is listed here with the reason it is not", async () => {
    const archive = await readArchive(Buffer.from(await (await downloadArchive(workspaceId)).arrayBuffer()));
    const columns = await db.$queryRaw<{ table: string; column: string }[]>`
      SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
       WHERE table_schema = current_schema()
         AND table_name IN (SELECT table_name FROM information_schema.columns
                             WHERE table_schema = current_schema() AND column_name = 'workspaceId')`;
    const tables = [...new Set(columns.map((c) => c.table))];
    expect(tables.filter((t) => !(t in archivedTables) && !(t in tablesLeftOut)).sort()).toEqual([]);
    const missing = columns
      .filter(({ table, column }) => {
        const place = archivedTables[table];
        if (!place) return false;
        const first = archive[place.file][0] as Row | undefined;
        expect(first, `${place.file} has a row to compare with`).toBeDefined();
        return !place.omitted.includes(column) && !(column in first!);
      })
      .map(({ table, column }) => `${table}.${column}`);
    expect(missing).toEqual([]);
  });

  it("imports an archive written before relations existed (no relation files) as a workspace without relations", async () => {
    const archive = await unzipText(Buffer.from(await (await downloadArchive(workspaceId)).arrayBuffer()));
    const files = Object.fromEntries(
      archive.filter((e) => !e.name.startsWith("relation")).map((e) => [e.name, e.text] as const),
    );
    const res = await importArchive(await rezip(files));
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: { id: string; counts: Record<string, number> } };
    expect(data.counts).toMatchObject({ relations: 0, annotations: 4 });
    expect(await db.relation.count({ where: { workspaceId: data.id } })).toBe(0);
  });

  it("carries the threads of relations, and they come back on the copied relation", async () => {
    const ws = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const articleId = await makeArticle(ws, owner.id, { text: "Massoud leads the Front." });
    const relationId = await makeRelation(ws, articleId, owner.id);
    await db.relation.update({
      where: { id: relationId },
      data: { threadResolvedAt: new Date("2026-05-06T00:00:00Z"), threadResolvedById: owner.id },
    });
    await db.comment.create({
      data: {
        id: newId(),
        workspaceId: ws,
        articleId,
        relationId,
        authorId: owner.id,
        body: commentBody("On a link."),
        text: "On a link.",
      },
    });
    const archive = await readArchive(Buffer.from(await (await downloadArchive(ws)).arrayBuffer()));
    expect(archive["comments.jsonl"]).toEqual([
      expect.objectContaining({ annotationId: null, relationId, text: "On a link." }),
    ]);
    const imported = await importArchive(Buffer.from(await (await downloadArchive(ws)).arrayBuffer()));
    expect(imported.status).toBe(201);
    const { data } = (await imported.json()) as { data: { id: string; counts: Record<string, number> } };
    expect(data.counts).toMatchObject({ comments: 1, relations: 1 });
    const copy = await db.relation.findFirstOrThrow({ where: { workspaceId: data.id } });
    expect(copy.threadResolvedAt).toEqual(new Date("2026-05-06T00:00:00Z"));
    expect(await db.comment.findFirstOrThrow({ where: { workspaceId: data.id } })).toMatchObject({
      relationId: copy.id,
      annotationId: null,
      articleId: copy.articleId,
      text: "On a link.",
    });
  });

  it("keeps unknown people as disabled placeholders holding their authorship and role", async () => {
    const archive = await unzipText(Buffer.from(await (await downloadArchive(workspaceId)).arrayBuffer()));
    const files = Object.fromEntries(archive.map((e) => [e.name, e.text]));
    const stranger = `stranger-${newId()}@elsewhere.example`;
    files["users.jsonl"] = files["users.jsonl"].replaceAll(analyst.email, stranger);
    const res = await importArchive(await rezip(files));
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: { id: string; placeholders: { email: string; role: string }[] } };
    expect(data.placeholders).toEqual([{ email: stranger, role: "ANALYST" }]);
    const placeholder = await db.user.findUniqueOrThrow({ where: { email: stranger } });
    expect(placeholder.passwordHash).toBeNull();
    expect(placeholder.disabledAt).not.toBeNull();
    expect(await db.membership.findFirst({ where: { workspaceId: data.id, userId: placeholder.id } })).toMatchObject({
      role: "ANALYST",
    });
    expect(await db.annotation.count({ where: { workspaceId: data.id, authorId: placeholder.id } })).toBe(3);

    // Signing up with that email claims the account and its work, but not the workspace: an owner invites them.
    const signup = await callRoute({
      file: "api/auth/signup/route.ts",
      method: "POST",
      json: { name: "The Stranger", email: stranger, password: "a-long-enough-secret" },
    });
    expect(signup.status).toBe(201);
    expect(((await signup.json()) as { data: { id: string } }).data.id).toBe(placeholder.id);
    const claimed = await db.user.findUniqueOrThrow({ where: { id: placeholder.id } });
    expect(claimed.disabledAt).toBeNull();
    expect(claimed.passwordHash).not.toBeNull();
    expect(await db.membership.count({ where: { userId: placeholder.id } })).toBe(0);
    expect(await db.annotation.count({ where: { workspaceId: data.id, authorId: placeholder.id } })).toBe(3);
    // A disabled account that no archive made stays closed.
    const closed = await makeUser();
    await db.user.update({ where: { id: closed.id }, data: { disabledAt: new Date() } });
    const refused = await callRoute({
      file: "api/auth/signup/route.ts",
      method: "POST",
      json: { name: "Someone", email: closed.email, password: "a-long-enough-secret" },
    });
    expect(refused.status).toBe(409);
  });

  it("reports how far a download has got, file by file, to the owner downloading", async () => {
    const key = `download-${newId()}`;
    const progressOf = async (user: TestUser = owner, progressKey = key) =>
      callRoute({
        file: "api/workspaces/[workspaceId]/archive/progress/route.ts",
        method: "GET",
        params: { workspaceId },
        search: `?key=${progressKey}`,
        cookie: await sessionCookie(user),
      });
    const read = async (res: Response) => ((await res.json()) as { data: ImportProgress | null }).data;
    expect(await read(await progressOf())).toBeNull();

    const res = await callRoute({
      file: archiveFile,
      method: "GET",
      params: { workspaceId },
      search: `?progressKey=${key}`,
      cookie: await sessionCookie(owner),
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const chunks: Uint8Array[] = [];
    const seen: ImportProgress[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      const progress = await read(await progressOf());
      if (progress) seen.push(progress);
    }
    const archive = await readArchive(Buffer.concat(chunks));
    const rows = Object.entries(archive)
      .filter(([name]) => name.endsWith(".jsonl"))
      .reduce((n, [, list]) => n + list.length, 0);
    expect(await read(await progressOf())).toEqual({ phase: "done", done: rows, total: rows });
    const exporting = seen.filter((p) => p.phase === "exporting");
    expect(exporting.length).toBeGreaterThan(0);
    for (const p of exporting) {
      expect(p.total).toBe(rows);
      expect(p.current!.done).toBeLessThanOrEqual(p.current!.total);
    }
    const dones = exporting.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    // Only owners may ask, as only they may download.
    expect((await progressOf(analyst)).status).toBe(403);

    // A download abandoned part-way says so.
    const abandonedKey = `download-${newId()}`;
    const abandoned = await callRoute({
      file: archiveFile,
      method: "GET",
      params: { workspaceId },
      search: `?progressKey=${abandonedKey}`,
      cookie: await sessionCookie(owner),
    });
    const partial = abandoned.body!.getReader();
    await partial.read();
    await partial.cancel();
    await expect
      .poll(async () => (await read(await progressOf(owner, abandonedKey)))?.phase, { timeout: 5000 })
      .toBe("failed");
  });

  it("reports how far an import has got, file by file, to the importer alone", async () => {
    const archive = await unzipText(Buffer.from(await (await downloadArchive(workspaceId)).arrayBuffer()));
    const files = Object.fromEntries(archive.map((e) => [e.name, e.text]));
    // 2,500 more annotations (deleted ones: live copies of one span would be duplicates), written in
    // three batches, each reported.
    const template = JSON.parse(files["annotations.jsonl"].split("\n")[0]) as Record<string, unknown>;
    const extra = Array.from({ length: 2500 }, (_, i) =>
      JSON.stringify({ ...template, id: `extra-${i}`, deletedAt: template.updatedAt }),
    );
    files["annotations.jsonl"] = `${files["annotations.jsonl"]}${extra.join("\n")}\n`;
    const annotations = files["annotations.jsonl"].split("\n").filter(Boolean).length;
    const rows = Object.entries(files)
      .filter(([name]) => name.endsWith(".jsonl"))
      .reduce((n, [, text]) => n + text.split("\n").filter(Boolean).length, 0);
    const zip = await rezip(files);
    const key = `archive-${newId()}`;
    const progressOf = async (user: TestUser = owner) => {
      const res = await callRoute({
        file: "api/workspaces/import-archive/progress/route.ts",
        method: "GET",
        search: `?key=${key}`,
        cookie: await sessionCookie(user),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: ImportProgress | null }).data;
    };
    expect(await progressOf()).toBeNull();

    const seen: ImportProgress[] = [];
    let finished = false;
    const importing = importArchive(zip, owner, "application/zip", `?progressKey=${key}`).finally(
      () => (finished = true),
    );
    while (!finished) {
      const progress = await progressOf();
      if (progress && JSON.stringify(progress) !== JSON.stringify(seen.at(-1))) seen.push(progress);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await importing).status).toBe(201);

    const onAnnotations = seen.filter((p) => p.phase === "importing" && p.current?.kind === "annotations");
    expect(onAnnotations.length).toBeGreaterThan(1);
    for (const p of onAnnotations) {
      expect(p.current).toMatchObject({ kind: "annotations", total: annotations });
      expect(p.total).toBe(rows);
    }
    // Counts only grow, and some were seen part-way.
    const dones = seen.filter((p) => p.phase === "importing").map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(onAnnotations.some((p) => p.current!.done > 0 && p.current!.done < annotations)).toBe(true);
    expect(await progressOf()).toEqual({ phase: "done", done: 0, total: 0 });
    // Another user asking with the same key learns nothing.
    expect(await progressOf(analyst)).toBeNull();

    // A failed import says so.
    const badKey = `archive-${newId()}`;
    files["comments.jsonl"] = `${files["comments.jsonl"]}{"id":"broken"}\n`;
    const refused = await importArchive(await rezip(files), owner, "application/zip", `?progressKey=${badKey}`);
    expect(refused.status).toBe(422);
    const failed = await callRoute({
      file: "api/workspaces/import-archive/progress/route.ts",
      method: "GET",
      search: `?key=${badKey}`,
      cookie: await sessionCookie(owner),
    });
    expect(((await failed.json()) as { data: ImportProgress }).data.phase).toBe("failed");
    // A key that is not one is a 4xx, like any bad query.
    const badQuery = await importArchive(zip, owner, "application/zip", "?progressKey=no");
    expect(badQuery.status).toBe(422);
  });

  it("refuses non-owners with 403 and non-members with 404", async () => {
    expect((await downloadArchive(workspaceId, reviewer)).status).toBe(403);
    expect((await downloadArchive(workspaceId, analyst)).status).toBe(403);
    expect((await downloadArchive(workspaceId, await makeUser())).status).toBe(404);
  });

  async function countRows(): Promise<number> {
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT ((SELECT count(*) FROM "Workspace") + (SELECT count(*) FROM "Annotation") + (SELECT count(*) FROM "User")
        + (SELECT count(*) FROM "Article") + (SELECT count(*) FROM "Membership"))::int AS n`;
    return row.n;
  }

  it("answers 4xx and writes nothing for a damaged zip, a bad line or a dangling reference", async () => {
    const good = Buffer.from(await (await downloadArchive(workspaceId)).arrayBuffer());
    const files = Object.fromEntries((await unzipText(good)).map((e) => [e.name, e.text]));
    const before = await countRows();

    const truncated = await importArchive(good.subarray(0, Math.floor(good.length / 2)));
    expect(truncated.status).toBe(422);

    const badLine = { ...files };
    const lines = badLine["annotations.jsonl"].split("\n");
    lines[2] = JSON.stringify({ ...JSON.parse(lines[2]), start: "seven" });
    badLine["annotations.jsonl"] = lines.join("\n");
    const bad = await importArchive(await rezip(badLine));
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { message: string; details: { file: string; line: number } } };
    expect(body.error.details).toMatchObject({ file: "annotations.jsonl", line: 3 });
    expect(body.error.message).toContain("start");

    const dangling = { ...files };
    dangling["comments.jsonl"] = dangling["comments.jsonl"].replace(/"annotationId":"[^"]+"/, '"annotationId":"nope"');
    const refused = await importArchive(await rezip(dangling));
    expect(refused.status).toBe(422);

    const notJson = { ...files, "activity.jsonl": "{not json\n" };
    expect((await importArchive(await rezip(notJson))).status).toBe(422);

    expect((await importArchive(Buffer.from("not a zip at all"))).status).toBe(422);

    // Damaged compressed data inside entries (the central directory intact): refused, not hung.
    const damaged = Buffer.from(good);
    for (let i = 200; i < damaged.length * 0.6; i += 97) damaged[i] ^= 0xff;
    expect((await importArchive(damaged)).status).toBe(422);
    expect((await importArchive(good, owner, "application/json")).status).toBe(415);
    expect(await countRows()).toBe(before);
  });

  it("is in the OpenAPI document as it answers", async () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    const download = doc.paths["/api/workspaces/{workspaceId}/archive"].get;
    expect(Object.keys(download.responses["200"].content!)).toEqual(["application/zip"]);
    expect(Object.keys(download.responses)).toEqual(expect.arrayContaining(["401", "403", "404"]));
    const upload = doc.paths["/api/workspaces/import-archive"].post;
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(["201", "401", "413", "415", "422"]));
    const res = await importArchive(Buffer.from(await (await downloadArchive(workspaceId)).arrayBuffer()));
    expect(res.status).toBe(201);
    const body: unknown = await res.json();
    expect(dataOf(archiveImportResultSchema).strict().safeParse(body).success).toBe(true);
  });

  it("needs a signed-in user to import", async () => {
    const res = await callRoute({
      file: importFile,
      method: "POST",
      headers: { "content-type": "application/zip", origin: "http://localhost:3000" },
      body: new Uint8Array([1, 2, 3]),
    });
    expect(res.status).toBe(401);
  });
});
