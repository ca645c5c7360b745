import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { titleWithoutSite } from "@/lib/server/capture/capture-article";
import { callRoute } from "@/test/call-route";
import { twoColumnPdf } from "@/test/fixtures/pdfs";
import { makeUser, makeWorkspace, sessionCookie, type TestUser } from "@/test/factories";

const clip = "api/workspaces/[workspaceId]/articles/clip/route.ts";
const checkUpdates = "api/workspaces/[workspaceId]/articles/[articleId]/check-updates/route.ts";
const annotationsRoute = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts";

const FILLER =
  "The committee heard evidence from engineers, residents and the water authority over three long days of hearings. ";

function articlePage(options: { paragraphs: string[]; canonical?: string }) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Dam report | The Daily Fixture</title>
<meta property="og:site_name" content="The Daily Fixture">
<meta property="article:published_time" content="2026-11-02T09:30:00Z">
<meta name="author" content="Jane Roe">
${options.canonical ? `<link rel="canonical" href="${options.canonical}">` : ""}
<script>window.tracker = 1</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Dam report</h1><p class="byline">By Jane Roe</p>
${options.paragraphs.map((p) => `<p>${p} ${FILLER.repeat(2)}</p>`).join("\n")}
<img src="https://tracker.example/pixel.gif" width="1" height="1" alt="">
<script>document.write("injected")</script>
</article><footer>Copyright</footer></body></html>`;
}

/** Bytes of `text` in a single-byte or double-byte legacy encoding, from a table of the characters used. */
function encodeWith(table: Record<string, number[]>, text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) bytes.push(...(table[char] ?? [char.charCodeAt(0)]));
  return Buffer.from(bytes);
}

// windows-1256: م ر ح ب ا ، ي ل ع ك ن ت و ة س ه ش ق ف
const CP1256: Record<string, number[]> = {
  م: [0xe3],
  ر: [0xd1],
  ح: [0xcd],
  ب: [0xc8],
  ا: [0xc7],
  ل: [0xe1],
  ع: [0xda],
  ن: [0xe4],
  ي: [0xed],
  ة: [0xc9],
  ك: [0xdf],
};
const ARABIC = "مرحبا بالعالم العربي";
// Shift_JIS: 日本語のニュース
const SJIS: Record<string, number[]> = {
  日: [0x93, 0xfa],
  本: [0x96, 0x7b],
  語: [0x8c, 0xea],
  の: [0x82, 0xcc],
  ニ: [0x83, 0x6a],
  ュ: [0x83, 0x85],
  ー: [0x81, 0x5b],
  ス: [0x83, 0x58],
};
const JAPANESE = "日本語のニュース";

let fixture = articlePage({ paragraphs: ["The dam was inspected in March.", "Cracks were found in the spillway."] });
let server: http.Server;
let base: string;
let owner: TestUser;
let analyst: TestUser;
let workspaceId: string;
let cookie: string;
const allowedBefore = process.env.CAPTURE_ALLOWED_HOSTS;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/article" || path === "/article-moved") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(fixture);
    }
    if (path === "/arabic") {
      res.writeHead(200, { "content-type": "text/html" });
      const head = Buffer.from(
        '<html lang="ar"><head><meta charset="windows-1256"><title>Arabic</title></head><body><p>',
      );
      return res.end(Buffer.concat([head, encodeWith(CP1256, ARABIC), Buffer.from("</p></body></html>")]));
    }
    if (path === "/japanese") {
      res.writeHead(200, { "content-type": "text/html; charset=Shift_JIS" });
      const head = Buffer.from('<html lang="ja"><head><title>JP</title></head><body><p>');
      return res.end(Buffer.concat([head, encodeWith(SJIS, JAPANESE), Buffer.from("</p></body></html>")]));
    }
    if (path === "/deep") {
      res.writeHead(200, { "content-type": "text/html" });
      // Nearly 5 MB of nested tags.
      return res.end(`<html><body>${"<div>".repeat(980_000)}x</body></html>`);
    }
    if (path === "/report.pdf") {
      res.writeHead(200, { "content-type": "application/pdf" });
      void twoColumnPdf().then((pdf) => res.end(pdf));
      return;
    }
    if (path === "/private-redirect") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      return res.end();
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  // The test-only allow list: this process's own fixture server.
  process.env.CAPTURE_ALLOWED_HOSTS = `127.0.0.1:${port}`;
  owner = await makeUser({ name: "Owner" });
  analyst = await makeUser({ name: "Analyst" });
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
  ]);
  cookie = await sessionCookie(owner);
});

afterAll(async () => {
  if (allowedBefore === undefined) delete process.env.CAPTURE_ALLOWED_HOSTS;
  else process.env.CAPTURE_ALLOWED_HOSTS = allowedBefore;
  await new Promise((resolve) => server.close(resolve));
});

async function post(json: unknown, who = cookie, key?: string) {
  const headers: Record<string, string> = key ? { "Idempotency-Key": key } : {};
  return callRoute({ file: clip, method: "POST", params: { workspaceId }, cookie: who, headers, json });
}

async function revisionText(articleId: string) {
  const article = await db.article.findUniqueOrThrow({
    where: { id: articleId },
    select: { currentRevision: { select: { id: true, text: true, content: true, number: true } } },
  });
  return article.currentRevision!;
}

describe("POST …/articles/clip", () => {
  let articleId: string;

  it("captures a page by URL with its metadata, no scripts or tracking pixels", async () => {
    const res = await post({ url: `${base}/article` });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    articleId = data.id;
    expect(data.canonicalUrl).toBe(`${base}/article`);
    const article = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(article).toMatchObject({
      source: "The Daily Fixture",
      authors: ["Jane Roe"],
      language: "en",
      originalUrl: `${base}/article`,
      canonicalUrl: `${base}/article`,
    });
    // "Dam report | The Daily Fixture" without the site, shown beside it.
    expect(article.title).toBe("Dam report");
    expect(article.publishedAt?.toISOString()).toBe("2026-11-02T00:00:00.000Z");
    expect(Date.now() - article.capturedAt!.getTime()).toBeLessThan(60_000);
    const revision = await revisionText(articleId);
    expect(revision.text).toContain("Cracks were found in the spillway.");
    const stored = JSON.stringify(revision.content);
    expect(stored).not.toMatch(/script|tracker|pixel|injected|window\./i);
    expect(revision.text).not.toContain("Copyright");
    // The byline is in the article's metadata, not repeated as its first line.
    expect(revision.text).not.toContain("By Jane Roe");
  });

  it("asks before capturing the same page again, then saves a new revision that orphans the annotation on deleted text", async () => {
    const revision = await revisionText(articleId);
    const quote = "Cracks were found in the spillway.";
    const start = revision.text.indexOf(quote);
    const created = await callRoute({
      file: annotationsRoute,
      method: "POST",
      params: { workspaceId, articleId },
      cookie,
      json: { revisionId: revision.id, start, end: start + quote.length, exact: quote },
    });
    expect(created.status).toBe(201);
    const annotationId = (await created.json()).data.id;

    fixture = articlePage({ paragraphs: ["The dam was inspected in March.", "Engineers declared it safe in May."] });
    const again = await post({ url: `${base}/article` });
    expect(again.status).toBe(409);
    const conflict = await again.json();
    expect(conflict.error.details.existing).toMatchObject({ id: articleId });

    const check = await callRoute({ file: checkUpdates, method: "POST", params: { workspaceId, articleId }, cookie });
    expect(check.status).toBe(200);
    const update = (await check.json()).data;
    expect(update.changed).toBe(true);
    expect(update.changes.map((c: { removed: string }) => c.removed).join("")).toContain("Cracks were found");
    expect(update.changes.map((c: { added: string }) => c.added).join("")).toContain("declared it safe");
    expect((await revisionText(articleId)).number).toBe(1); // checking saved nothing

    const saved = await post({ url: `${base}/article`, mode: "revision", articleId });
    expect(saved.status).toBe(200);
    expect((await saved.json()).data.revision).toMatchObject({ number: 2, orphaned: 1 });
    const annotation = await db.annotation.findUniqueOrThrow({ where: { id: annotationId } });
    expect(annotation).toMatchObject({ anchorState: "ORPHANED", exact: quote, deletedAt: null });
    expect((await revisionText(articleId)).text).toContain("Engineers declared it safe in May.");
  });

  it("captures the page as a new article when asked to", async () => {
    const res = await post({ url: `${base}/article`, mode: "new" });
    expect(res.status).toBe(201);
    expect((await res.json()).data.id).not.toBe(articleId);
  });

  it("lets only reviewers and owners save a new revision", async () => {
    const res = await post({ url: `${base}/article`, mode: "revision", articleId }, await sessionCookie(analyst));
    expect(res.status).toBe(403);
  });

  it("takes the page's HTML from the extension and highlights the selection by quote and context", async () => {
    const html = articlePage({
      paragraphs: ["Subscribers read that the mayor resigned.", "The council meets on Friday."],
      canonical: "https://paywalled.example/story",
    });
    const res = await post({
      url: "https://paywalled.example/story?utm_source=x",
      html,
      selection: { exact: "the mayor\nresigned", prefix: "Subscribers read that ", suffix: "." },
    });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data.canonicalUrl).toBe("https://paywalled.example/story");
    expect(data.highlightId).toEqual(expect.any(String));
    const highlight = await db.annotation.findUniqueOrThrow({ where: { id: data.highlightId } });
    expect(highlight.exact).toBe("the mayor resigned");
    const revision = await revisionText(data.id);
    expect(revision.text.slice(highlight.start, highlight.end)).toBe("the mayor resigned");
  });

  it("decodes a windows-1256 page by its <meta charset>", async () => {
    const res = await post({ url: `${base}/arabic`, mode: "new" });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect((await revisionText(data.id)).text).toContain(ARABIC);
    expect((await db.article.findUniqueOrThrow({ where: { id: data.id } })).language).toBe("ar");
  });

  it("decodes a Shift_JIS page by its Content-Type header", async () => {
    const res = await post({ url: `${base}/japanese`, mode: "new" });
    expect(res.status).toBe(201);
    expect((await revisionText((await res.json()).data.id)).text).toContain(JAPANESE);
  });

  it("captures a URL that serves a PDF, keeping where its pages begin", async () => {
    const res = await post({ url: `${base}/report.pdf`, mode: "new" });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    const revision = await db.articleRevision.findFirstOrThrow({ where: { articleId: data.id } });
    expect(revision.text).toContain("infrastructure along the northern canal");
    expect((revision.pages as { page: number }[]).map((p) => p.page)).toEqual([1, 2, 3]);
    expect(data.title).toBe("Annual Water Report");

    const again = await post({ url: `${base}/report.pdf`, mode: "revision", articleId: data.id });
    expect(again.status).toBe(200);
    const second = await db.articleRevision.findFirstOrThrow({ where: { articleId: data.id, number: 2 } });
    expect((second.pages as { page: number }[]).map((p) => p.page)).toEqual([1, 2, 3]);
  });

  it("creates one article for a repeated Idempotency-Key, answering the first answer again", async () => {
    const page = { url: "https://news.example/double-click", html: articlePage({ paragraphs: ["Sent twice."] }) };
    const before = await db.article.count({ where: { workspaceId, canonicalUrl: page.url } });
    const first = await post({ ...page, mode: "new" }, cookie, "clip-double-click");
    const again = await post({ ...page, mode: "new" }, cookie, "clip-double-click");
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    // An extension retrying while the first is still running: still one article.
    const burst = await Promise.all([1, 2, 3].map(() => post({ ...page, mode: "new" }, cookie, "clip-retry")));
    const ids = new Set(await Promise.all(burst.map(async (res) => (await res.json()).data.id)));
    expect(burst.map((res) => res.status)).toEqual([201, 201, 201]);
    expect(ids.size).toBe(1);
    expect(await db.article.count({ where: { workspaceId, canonicalUrl: page.url } })).toBe(before + 2);

    // The same key with another body is refused, and creates nothing.
    const other = await post({ ...page, mode: "new", title: "Another title" }, cookie, "clip-double-click");
    expect(other.status).toBe(422);
    expect((await other.json()).error.message).toMatch(/already used for another request/);
    expect(await db.article.count({ where: { workspaceId, canonicalUrl: page.url } })).toBe(before + 2);
  });

  it("saves one revision for a repeated Idempotency-Key", async () => {
    const created = await post({ url: `${base}/article`, mode: "new" });
    const { id } = (await created.json()).data;
    const body = { url: `${base}/article`, mode: "revision", articleId: id };
    const first = await post(body, cookie, "revise-once");
    const again = await post(body, cookie, "revise-once");
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await again.json()).toEqual(await first.json());
    expect((await revisionText(id)).number).toBe(2);
  });

  it.each([
    ["a page of deeply nested tags", () => `${base}/deep`, /nested too deeply/],
    ["a redirect to the metadata address", () => `${base}/private-redirect`, /link-local/],
    ["loopback on another port", () => "http://127.0.0.1:1/", /port|loopback/i],
    ["a URL with credentials", () => "http://user:pass@example.com/", /user name or password/],
    ["a private address", () => "http://10.1.2.3/", /private network/],
  ])("refuses %s with a 422", async (_name, url, message) => {
    const res = await post({ url: url(), mode: "new" });
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(message);
  });
});

describe("titleWithoutSite", () => {
  it("drops the site's name before or after a separator, and nothing else", () => {
    expect(titleWithoutSite("Dam report | The Daily Fixture", "The Daily Fixture")).toBe("Dam report");
    expect(titleWithoutSite("The Daily Fixture — Dam report", "the daily fixture")).toBe("Dam report");
    expect(titleWithoutSite("Dam report - Example (UK)", "Example (UK)")).toBe("Dam report");
    expect(titleWithoutSite("The Daily Fixture", "The Daily Fixture")).toBe("The Daily Fixture");
    expect(titleWithoutSite("Fixture: the dam", "The Daily Fixture")).toBe("Fixture: the dam");
    expect(titleWithoutSite("Dam report", null)).toBe("Dam report");
  });
});
