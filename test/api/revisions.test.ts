import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { contentFromPlainText } from "@/lib/content/plain-text";
import { callRoute } from "@/test/call-route";
import { currentRevision, makeArticle, makeUser, makeWorkspace, sessionCookie, type TestUser } from "@/test/factories";

const seed = readFileSync(path.resolve(__dirname, "../../../shared/articles/afghan-resistance-2021.txt"), "utf8")
  .replace(/\r\n?/g, "\n")
  .trimEnd();
const annotations = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts";
const revisions = "api/workspaces/[workspaceId]/articles/[articleId]/revisions/route.ts";
const PULL_QUOTE = "The Taliban are deeply unpopular among Afghans, especially in the cities.";
const DOOMED = "Rohullah Azizi was tortured and executed on Sept. 9.";

let reviewer: TestUser;
let analyst: TestUser;
let workspaceId: string;

beforeAll(async () => {
  reviewer = await makeUser({ name: "Reviewer" });
  analyst = await makeUser({ name: "Analyst" });
  workspaceId = await makeWorkspace([
    { user: reviewer, role: "REVIEWER" },
    { user: analyst, role: "ANALYST" },
  ]);
});

async function annotate(articleId: string, quote: string, nth: number) {
  const revision = await currentRevision(articleId);
  let start = -1;
  for (let i = 0; i <= nth; i++) start = revision.text.indexOf(quote, start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  const res = await callRoute({
    file: annotations,
    method: "POST",
    params: { workspaceId, articleId },
    cookie: await sessionCookie(analyst),
    json: { revisionId: revision.id, start, end: start + quote.length, exact: quote },
  });
  expect(res.status).toBe(201);
  return (await res.json()).data as { id: string; start: number };
}

describe("revising an article", () => {
  it("keeps annotations on their text, the second pull quote on the second copy, and orphans a deleted sentence", async () => {
    const articleId = await makeArticle(workspaceId, reviewer.id, { text: seed });
    const second = await annotate(articleId, PULL_QUOTE, 1);
    const first = await annotate(articleId, PULL_QUOTE, 0);
    const doomed = await annotate(articleId, DOOMED, 0);
    const name = await annotate(articleId, "Weeda Mehran", 0);
    const base = await currentRevision(articleId);

    const edited = `Editor’s note: this article was updated with a new first paragraph.\n\n${base.text.replace(DOOMED, "")}`;
    const res = await callRoute({
      file: revisions,
      method: "POST",
      params: { workspaceId, articleId },
      cookie: await sessionCookie(reviewer),
      json: { baseRevisionId: base.id, content: contentFromPlainText(edited) },
    });
    expect(res.status).toBe(201);
    const result = (await res.json()).data;
    expect(result).toMatchObject({ number: 2, orphaned: 1, anchored: 3, moved: 0 });

    const after = await currentRevision(articleId);
    const rows = await db.annotation.findMany({ where: { articleId } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const secondCopy = after.text.indexOf(PULL_QUOTE, after.text.indexOf(PULL_QUOTE) + 1);
    expect(byId.get(second.id)).toMatchObject({ start: secondCopy, anchorState: "ANCHORED", revisionId: after.id });
    expect(byId.get(first.id)!.start).toBe(after.text.indexOf(PULL_QUOTE));
    for (const row of rows.filter((r) => r.anchorState !== "ORPHANED")) {
      expect(after.text.slice(row.start, row.end)).toBe(row.exact);
    }
    expect(byId.get(doomed.id)).toMatchObject({ anchorState: "ORPHANED", exact: DOOMED });
    expect(byId.get(name.id)!.exact).toBe("Weeda Mehran");
    expect(await db.articleRevision.count({ where: { articleId } })).toBe(2);
    expect(await db.activityEvent.count({ where: { targetId: articleId, action: "article.revised" } })).toBe(1);
  });

  it("orphans the Kabul whose words were deleted, leaves the other two untouched, counts exactly and records which", async () => {
    const articleId = await makeArticle(workspaceId, reviewer.id, { text: seed });
    const kabuls = [await annotate(articleId, "Kabul", 0), await annotate(articleId, "Kabul", 1)];
    kabuls.push(await annotate(articleId, "Kabul", 2));
    expect(kabuls.map((k) => k.start)).toEqual([931, 1939, 5674]);
    const base = await currentRevision(articleId);
    expect(base.text.slice(918, 938)).toBe("northeast of Kabul, ");

    const res = await callRoute({
      file: revisions,
      method: "POST",
      params: { workspaceId, articleId },
      cookie: await sessionCookie(reviewer),
      json: { baseRevisionId: base.id, content: contentFromPlainText(base.text.replace("northeast of Kabul, ", "")) },
    });
    expect(res.status).toBe(201);
    expect((await res.json()).data).toMatchObject({
      anchored: 2,
      moved: 0,
      orphaned: 1,
      movedIds: [],
      orphanedIds: [kabuls[0].id],
    });
    const rows = new Map((await db.annotation.findMany({ where: { articleId } })).map((r) => [r.id, r]));
    expect(rows.get(kabuls[0].id)).toMatchObject({ anchorState: "ORPHANED", exact: "Kabul" });
    expect(rows.get(kabuls[1].id)).toMatchObject({ anchorState: "ANCHORED", start: 1939 - 20 });
    expect(rows.get(kabuls[2].id)).toMatchObject({ anchorState: "ANCHORED", start: 5674 - 20 });

    // A later revision leaves the orphan alone rather than searching for another "Kabul".
    const next = await currentRevision(articleId);
    const again = await callRoute({
      file: revisions,
      method: "POST",
      params: { workspaceId, articleId },
      cookie: await sessionCookie(reviewer),
      json: { baseRevisionId: next.id, content: contentFromPlainText(`Kabul, a note.\n\n${next.text}`) },
    });
    expect((await again.json()).data).toMatchObject({ anchored: 2, moved: 0, orphaned: 1 });
  });

  it("follows the editor's record of which copy of a repeated sentence was deleted, and ignores a record that does not fit", async () => {
    const text = "Kabul fell. Kabul fell.\n\nLater, Kabul was quiet.";
    const articleId = await makeArticle(workspaceId, reviewer.id, { text });
    const first = await annotate(articleId, "Kabul fell.", 0);
    const second = await annotate(articleId, "Kabul fell.", 1);
    const base = await currentRevision(articleId);
    const edited = "Kabul fell.\n\nLater, Kabul was quiet.";
    const revise = async (runs: number[][]) =>
      callRoute({
        file: revisions,
        method: "POST",
        params: { workspaceId, articleId },
        cookie: await sessionCookie(reviewer),
        json: {
          baseRevisionId: (await currentRevision(articleId)).id,
          content: contentFromPlainText(edited),
          edit: { runs },
        },
      });

    // The editor deleted the first copy (" Kabul fell." ends the paragraph either way): the second one stays.
    const res = await revise([[12, 0, 36]]);
    expect(res.status).toBe(201);
    expect((await res.json()).data).toMatchObject({ orphaned: 1, anchored: 1, orphanedIds: [first.id] });
    const rows = new Map((await db.annotation.findMany({ where: { articleId } })).map((r) => [r.id, r]));
    expect(rows.get(second.id)).toMatchObject({ start: 0, end: 11, anchorState: "ANCHORED" });
    expect(rows.get(first.id)).toMatchObject({ anchorState: "ORPHANED", exact: "Kabul fell." });
    expect(base.text).toBe(text);

    // A record claiming text equal that is not: the texts are compared instead, never trusted blindly.
    const other = await makeArticle(workspaceId, reviewer.id, { text });
    const kept = await annotate(other, "Later", 0);
    const bad = await callRoute({
      file: revisions,
      method: "POST",
      params: { workspaceId, articleId: other },
      cookie: await sessionCookie(reviewer),
      json: {
        baseRevisionId: (await currentRevision(other)).id,
        content: contentFromPlainText(edited),
        edit: { runs: [[0, 0, 30]] },
      },
    });
    expect(bad.status).toBe(201);
    const keptRow = await db.annotation.findUniqueOrThrow({ where: { id: kept.id } });
    expect(edited.slice(keptRow.start, keptRow.end)).toBe("Later");

    // Malformed records are refused at the boundary.
    const malformed = await revise([[-1, 0, 3]]);
    expect(malformed.status).toBe(422);
  });

  it("keeps a PDF's page starts through an edit, each where its text went", async () => {
    const text = "First page text.\n\nSecond page text.\n\nThird page text.";
    const articleId = await makeArticle(workspaceId, reviewer.id, { text });
    const base = await currentRevision(articleId);
    await db.articleRevision.update({
      where: { id: base.id },
      data: {
        pages: [
          { page: 1, start: 0 },
          { page: 2, start: 18 },
          { page: 3, start: 37 },
        ],
      },
    });
    const edited = "An editor's note.\n\nFirst page text.\n\nThird page text.";
    const res = await callRoute({
      file: revisions,
      method: "POST",
      params: { workspaceId, articleId },
      cookie: await sessionCookie(reviewer),
      // As Edit text records it: a paragraph inserted at the top, the second page's paragraph deleted.
      json: {
        baseRevisionId: base.id,
        content: contentFromPlainText(edited),
        edit: {
          runs: [
            [0, 19, 18],
            [37, 37, 16],
          ],
        },
      },
    });
    expect(res.status).toBe(201);
    const after = await db.articleRevision.findFirstOrThrow({ where: { articleId, number: 2 } });
    const pages = after.pages as { page: number; start: number }[];
    // Page 2's text is gone: its start meets page 3's, whose text is still on page 3.
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(edited.slice(pages[0].start).startsWith("First page text.")).toBe(true);
    expect(pages[1].start).toBe(pages[2].start);
    expect(edited.slice(pages[2].start)).toBe("Third page text.");
  });

  it("a revision made against an older base gets 409; analysts cannot revise (403)", async () => {
    const articleId = await makeArticle(workspaceId, reviewer.id);
    const base = await currentRevision(articleId);
    const content = contentFromPlainText("Rewritten.");
    const cookie = await sessionCookie(reviewer);
    const ok = await callRoute({
      file: revisions,
      method: "POST",
      params: { workspaceId, articleId },
      cookie,
      json: { baseRevisionId: base.id, content },
    });
    expect(ok.status).toBe(201);
    const stale = await callRoute({
      file: revisions,
      method: "POST",
      params: { workspaceId, articleId },
      cookie,
      json: { baseRevisionId: base.id, content },
    });
    expect(stale.status).toBe(409);
    const forbidden = await callRoute({
      file: revisions,
      method: "POST",
      params: { workspaceId, articleId },
      cookie: await sessionCookie(analyst),
      json: { baseRevisionId: base.id, content },
    });
    expect(forbidden.status).toBe(403);
  });

  it("refuses content that is not an article document (422) and keeps the old revision", async () => {
    const articleId = await makeArticle(workspaceId, reviewer.id);
    const base = await currentRevision(articleId);
    const res = await callRoute({
      file: revisions,
      method: "POST",
      params: { workspaceId, articleId },
      cookie: await sessionCookie(reviewer),
      json: {
        baseRevisionId: base.id,
        content: { type: "doc", content: [{ type: "iframe", attrs: { src: "https://evil.example" } }] },
      },
    });
    expect(res.status).toBe(422);
    expect((await currentRevision(articleId)).id).toBe(base.id);
  });
});

describe("re-attaching an orphan", () => {
  it("puts it on newly selected text, anchored again, same id", async () => {
    const articleId = await makeArticle(workspaceId, reviewer.id, {
      text: "First sentence here.\n\nSecond sentence there.",
    });
    const orphan = await annotate(articleId, "Second sentence", 0);
    const base = await currentRevision(articleId);
    const cookie = await sessionCookie(reviewer);
    await callRoute({
      file: revisions,
      method: "POST",
      params: { workspaceId, articleId },
      cookie,
      json: { baseRevisionId: base.id, content: contentFromPlainText("First sentence here.\n\nA wholly new ending.") },
    });
    const row = await db.annotation.findUniqueOrThrow({ where: { id: orphan.id } });
    expect(row.anchorState).toBe("ORPHANED");
    const after = await currentRevision(articleId);
    const start = after.text.indexOf("wholly new");
    const res = await callRoute({
      file: "api/workspaces/[workspaceId]/annotations/[annotationId]/route.ts",
      method: "PATCH",
      params: { workspaceId, annotationId: orphan.id },
      cookie: await sessionCookie(analyst),
      json: { version: row.version, range: { revisionId: after.id, start, end: start + 10, exact: "wholly new" } },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).data).toMatchObject({
      id: orphan.id,
      anchorState: "ANCHORED",
      exact: "wholly new",
      start,
      revisionId: after.id,
    });
  });
});
