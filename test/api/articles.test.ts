import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { MAX_TEXT_CHARS, MAX_UPLOAD_BYTES } from "@/lib/content/limits";
import { callRoute } from "@/test/call-route";
import { makeUser, makeWorkspace, sessionCookie, type TestUser } from "@/test/factories";

const seedArticle = readFileSync(
  path.resolve(__dirname, "../../../shared/articles/afghan-resistance-2021.txt"),
  "utf8",
);
const list = "api/workspaces/[workspaceId]/articles/route.ts";
const one = "api/workspaces/[workspaceId]/articles/[articleId]/route.ts";
const restore = "api/workspaces/[workspaceId]/articles/[articleId]/restore/route.ts";

let analyst: TestUser;
let workspaceId: string;
let cookie: string;

beforeAll(async () => {
  analyst = await makeUser({ name: "Importer" });
  workspaceId = await makeWorkspace([{ user: analyst, role: "ANALYST" }]);
  cookie = await sessionCookie(analyst);
});

function upload(file: { name: string; type: string; content: BlobPart }, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("file", new File([file.content], file.name, { type: file.type }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return callRoute({ file: list, method: "POST", params: { workspaceId }, cookie, body: form });
}

describe("importing articles", () => {
  it("stores the seed article as revision 1 whose canonical text equals the file", async () => {
    const res = await upload(
      { name: "afghan-resistance-2021.txt", type: "text/plain", content: seedArticle },
      { source: "Foreign Policy", authors: "Lynne O'Donnell", publishedAt: "2021-09-24" },
    );
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data.title).toBe("Afghan Resistance Mulls Formation of Government in Exile");
    const article = await db.article.findUniqueOrThrow({ where: { id: data.id }, include: { revisions: true } });
    expect(article.workspaceId).toBe(workspaceId);
    expect(article.authors).toEqual(["Lynne O'Donnell"]);
    expect(article.revisions).toHaveLength(1);
    expect(article.revisions[0].number).toBe(1);
    expect(article.currentRevisionId).toBe(article.revisions[0].id);
    expect(article.revisions[0].text).toBe(seedArticle.replace(/\r\n?/g, "\n").trimEnd());
    expect(
      await db.activityEvent.count({ where: { workspaceId, action: "article.imported", targetId: data.id } }),
    ).toBe(1);
  });

  it("accepts pasted text as JSON, with the first line as the default title", async () => {
    const res = await callRoute({
      file: list,
      method: "POST",
      params: { workspaceId },
      cookie,
      json: { text: "Pasted headline\n\nBody 🙂 text." },
    });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data.title).toBe("Pasted headline");
    const got = await (
      await callRoute({ file: one, method: "GET", params: { workspaceId, articleId: data.id }, cookie })
    ).json();
    expect(got.data.currentRevision.text).toBe("Pasted headline\n\nBody 🙂 text.");
  });

  it("refuses an unsupported type with 415 and writes nothing", async () => {
    const before = await db.article.count({ where: { workspaceId } });
    const res = await upload({ name: "slides.pptx", type: "application/vnd.ms-powerpoint", content: "PK" });
    expect(res.status).toBe(415);
    expect((await res.json()).error.message).toMatch(/\.txt/);
    expect(await db.article.count({ where: { workspaceId } })).toBe(before);
  });

  it("refuses a file over 5 MB with 413", async () => {
    const res = await upload({ name: "big.txt", type: "text/plain", content: "a".repeat(MAX_UPLOAD_BYTES + 1) });
    expect(res.status).toBe(413);
  });

  it("refuses text over the character limit with 413", async () => {
    const paragraphs = "word ".repeat(99).concat("word\n\n");
    const text = paragraphs.repeat(Math.ceil((MAX_TEXT_CHARS + 10) / paragraphs.length));
    const res = await callRoute({
      file: list,
      method: "POST",
      params: { workspaceId },
      cookie,
      json: { title: "Long", text },
    });
    expect(res.status).toBe(413);
  });

  it("refuses bad metadata with 422 naming each field, and writes nothing", async () => {
    const before = await db.article.count({ where: { workspaceId } });
    const res = await upload(
      { name: "ok.txt", type: "text/plain", content: "Fine\n\nText." },
      { originalUrl: "javascript:alert(1)", publishedAt: "2021-02-30", language: "english language" },
    );
    expect(res.status).toBe(422);
    const { fieldErrors } = (await res.json()).error.details;
    expect(Object.keys(fieldErrors).sort()).toEqual(["language", "originalUrl", "publishedAt"]);
    expect(await db.article.count({ where: { workspaceId } })).toBe(before);
  });

  it("rolls the whole import back when the activity log write fails", async () => {
    const before = await db.article.count({ where: { workspaceId } });
    const revisionsBefore = await db.articleRevision.count({ where: { workspaceId } });
    await db.$executeRawUnsafe(
      `ALTER TABLE "ActivityEvent" ADD CONSTRAINT test_block_import CHECK ("action" <> 'article.imported') NOT VALID`,
    );
    try {
      const res = await callRoute({
        file: list,
        method: "POST",
        params: { workspaceId },
        cookie,
        json: { title: "Doomed", text: "Body." },
      });
      expect(res.status).toBe(500);
      const body = await res.json();
      expect(body.error.code).toBe("INTERNAL");
      expect(JSON.stringify(body)).not.toMatch(/test_block_import|ActivityEvent/);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "ActivityEvent" DROP CONSTRAINT test_block_import`);
    }
    expect(await db.article.count({ where: { workspaceId } })).toBe(before);
    expect(await db.articleRevision.count({ where: { workspaceId } })).toBe(revisionsBefore);
  });
});

describe("listing, deleting and restoring", () => {
  it("searches titles case-insensitively and sorts", async () => {
    const owner = await makeUser();
    const ws = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const c = await sessionCookie(owner);
    for (const title of ["Bravo report", "Alpha brief", "Charlie memo"]) {
      await callRoute({
        file: list,
        method: "POST",
        params: { workspaceId: ws },
        cookie: c,
        json: { title, text: `${title} body.` },
      });
    }
    const byTitle = await (
      await callRoute({ file: list, method: "GET", params: { workspaceId: ws }, cookie: c, search: "?sort=title" })
    ).json();
    expect(byTitle.data.map((a: { title: string }) => a.title)).toEqual([
      "Alpha brief",
      "Bravo report",
      "Charlie memo",
    ]);
    const found = await (
      await callRoute({ file: list, method: "GET", params: { workspaceId: ws }, cookie: c, search: "?q=BRIEF" })
    ).json();
    expect(found.data.map((a: { title: string }) => a.title)).toEqual(["Alpha brief"]);
    const page1 = await (
      await callRoute({
        file: list,
        method: "GET",
        params: { workspaceId: ws },
        cookie: c,
        search: "?limit=2&sort=oldest",
      })
    ).json();
    expect(page1.data).toHaveLength(2);
    const page2 = await (
      await callRoute({
        file: list,
        method: "GET",
        params: { workspaceId: ws },
        cookie: c,
        search: `?limit=2&sort=oldest&cursor=${page1.nextCursor}`,
      })
    ).json();
    expect(page2.data.map((a: { title: string }) => a.title)).toEqual(["Charlie memo"]);
    expect(page2.nextCursor).toBeNull();
  });

  it("soft-deletes (404 afterwards) and restores the same article", async () => {
    const owner = await makeUser();
    const ws = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const c = await sessionCookie(owner);
    const { data } = await (
      await callRoute({
        file: list,
        method: "POST",
        params: { workspaceId: ws },
        cookie: c,
        json: { title: "Keep me", text: "Body." },
      })
    ).json();
    expect(
      (await callRoute({ file: one, method: "DELETE", params: { workspaceId: ws, articleId: data.id }, cookie: c }))
        .status,
    ).toBe(204);
    expect(
      (await callRoute({ file: one, method: "GET", params: { workspaceId: ws, articleId: data.id }, cookie: c }))
        .status,
    ).toBe(404);
    expect(await db.article.findUnique({ where: { id: data.id } })).not.toBeNull();
    expect(
      (await callRoute({ file: restore, method: "POST", params: { workspaceId: ws, articleId: data.id }, cookie: c }))
        .status,
    ).toBe(200);
    expect(
      (await callRoute({ file: one, method: "GET", params: { workspaceId: ws, articleId: data.id }, cookie: c }))
        .status,
    ).toBe(200);
    const actions = (
      await db.activityEvent.findMany({ where: { targetId: data.id }, orderBy: { createdAt: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(["article.imported", "article.deleted", "article.restored"]);
  });

  it("an article id from another workspace is a 404", async () => {
    const owner = await makeUser();
    const ws = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const c = await sessionCookie(owner);
    const foreign = await db.article.findFirstOrThrow({ where: { workspaceId } });
    expect(
      (await callRoute({ file: one, method: "GET", params: { workspaceId: ws, articleId: foreign.id }, cookie: c }))
        .status,
    ).toBe(404);
    expect(
      (await callRoute({ file: one, method: "DELETE", params: { workspaceId: ws, articleId: foreign.id }, cookie: c }))
        .status,
    ).toBe(404);
  });
});
