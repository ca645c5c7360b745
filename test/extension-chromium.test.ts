// The extension loaded unpacked in real Chromium (headless, --load-extension):
// its popup connects with a real API token and sends a real page, read by the
// content script in that tab, to the app's route handlers; so does the context
// menu's handler, which then offers the article (notification, badge, popup).
// Skipped where no Chromium is installed.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callRoute } from "@/test/call-route";
import { makeUser, makeWorkspace, sessionCookie } from "@/test/factories";

const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_PATH || "/usr/bin/chromium";
const ARTICLE = `<!doctype html><html lang="en"><head><title>Harbour expansion</title></head><body>
<nav>Home · World</nav><article><h1>Harbour expansion</h1>
<p>The port authority approved the harbour expansion on Monday after a long debate among the members of its board.</p>
<p>Critics said the dredging would harm the reef that shelters the bay from storms and feeds its fisheries.</p>
<p>Construction starts next spring and should take three years, the authority said in a statement.</p>
</article></body></html>`;

let server: http.Server;
let origin: string;
let extensionDir: string;
let context: BrowserContext | undefined;
let token: string;
let workspaceId: string;

async function body(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

beforeAll(async () => {
  // The app's API in this process, and a news page, on one local origin (no CORS headers, as the app).
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/news/harbour") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(ARTICLE);
    }
    if (url.pathname.startsWith("/w/")) {
      // The app's article page, where "Open in Marginalia" leads.
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end("<!doctype html><title>Marginalia</title>");
    }
    const headers = {
      authorization: req.headers.authorization ?? "",
      "content-type": req.headers["content-type"] ?? "",
    };
    let answer: Response;
    if (url.pathname === "/api/workspaces") {
      answer = await callRoute({ file: "api/workspaces/route.ts", method: "GET", headers });
    } else {
      const clip = /^\/api\/workspaces\/([^/]+)\/articles\/clip$/.exec(url.pathname);
      if (!clip || req.method !== "POST") {
        res.writeHead(404);
        return res.end();
      }
      answer = await callRoute({
        file: "api/workspaces/[workspaceId]/articles/clip/route.ts",
        method: "POST",
        params: { workspaceId: clip[1] },
        headers,
        body: await body(req),
      });
    }
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // The extension as shipped, with the test server's origin granted up front
  // (the popup asks for it at run time; a headless browser cannot answer the prompt).
  extensionDir = mkdtempSync(path.join(os.tmpdir(), "marginalia-extension-"));
  cpSync(path.resolve(__dirname, "../extension"), extensionDir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, "manifest.json"), "utf8"));
  manifest.host_permissions = [`${origin}/*`];
  writeFileSync(path.join(extensionDir, "manifest.json"), JSON.stringify(manifest));

  const analyst = await makeUser({ name: "Analyst" });
  workspaceId = await makeWorkspace([{ user: analyst, role: "ANALYST" }]);
  const created = await callRoute({
    file: "api/workspaces/[workspaceId]/api-tokens/route.ts",
    method: "POST",
    params: { workspaceId },
    cookie: await sessionCookie(analyst),
    json: { name: "Browser extension", scope: "READ_WRITE" },
  });
  token = (await created.json()).data.token;
});

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => server.close(resolve));
  rmSync(extensionDir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(CHROMIUM))("the extension in Chromium", () => {
  it("connects in the popup and sends the page with the selection as a highlight; the context menu offers Open in Marginalia", async () => {
    context = await chromium.launchPersistentContext("", {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
    const extensionId = new URL(worker.url()).host;

    const news = await context.newPage();
    await news.goto(`${origin}/news/harbour`);
    await news.evaluate(() => {
      const text = [...document.querySelectorAll("p")][1].firstChild!;
      const at = text.textContent!.indexOf("harm the reef");
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + "harm the reef".length);
      getSelection()!.addRange(range);
    });

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.getByLabel("Server").fill(origin);
    await popup.getByLabel("API token").fill(token);
    await popup.getByRole("button", { name: "Connect" }).click();
    await popup.getByRole("combobox", { name: "Workspace" }).waitFor();
    expect(await popup.getByRole("combobox", { name: "Workspace" }).inputValue()).toBe(workspaceId);

    // Opened as a tab, the popup is itself the active tab: point it at the news page.
    await popup.evaluate(async (url) => {
      type Tabs = { query(filter: object): Promise<unknown[]> };
      const tabs = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome.tabs;
      const [tab] = await tabs.query({ url });
      tabs.query = async () => [tab];
    }, `${origin}/news/harbour`);
    await popup.getByRole("button", { name: "Send this page" }).click();
    const open = popup.getByRole("link", { name: "Open in Marginalia" });
    await open.waitFor({ timeout: 20_000 });
    expect(await popup.getByRole("status").innerText()).toMatch(/Captured “Harbour expansion” with your highlight/);
    const articleId = (await open.getAttribute("href"))!.split("/").pop()!;
    expect(await open.getAttribute("href")).toBe(`${origin}/w/${workspaceId}/articles/${articleId}`);

    const article = await db.article.findUniqueOrThrow({
      where: { id: articleId },
      select: { canonicalUrl: true, currentRevision: { select: { text: true } } },
    });
    expect(article.canonicalUrl).toBe(`${origin}/news/harbour`);
    expect(article.currentRevision!.text).toContain("Construction starts next spring");
    expect(article.currentRevision!.text).not.toContain("Home · World");
    const [highlight] = await db.annotation.findMany({ where: { articleId } });
    expect(highlight.exact).toBe("harm the reef");

    // The context menu's item, as Chromium calls it: it captures the page and
    // offers to open it (notification, badge, popup) instead of opening a tab.
    const tabsBefore = context.pages().length;
    type Worker = {
      chrome: {
        tabs: { query(filter: object): Promise<unknown[]> };
        notifications: { getAll(): Promise<Record<string, unknown>> };
        action: { getBadgeText(details: object): Promise<string> };
      };
      marginalia: {
        sendFromMenu(info: object, tab: unknown): Promise<{ id: string; openUrl: string; highlighted: boolean }>;
        openFromNotification(id: string): Promise<void>;
      };
    };
    const sent = await worker.evaluate(async (url) => {
      const self = globalThis as unknown as Worker;
      const [tab] = await self.chrome.tabs.query({ url });
      const article = await self.marginalia.sendFromMenu({ menuItemId: "send-to-marginalia" }, tab);
      return {
        article,
        notifications: Object.keys(await self.chrome.notifications.getAll()),
        badge: await self.chrome.action.getBadgeText({}),
      };
    }, `${origin}/news/harbour`);
    expect(sent.article.openUrl).toBe(`${origin}/w/${workspaceId}/articles/${sent.article.id}`);
    expect(sent.article.id).not.toBe(articleId);
    expect(sent.badge).toBe("✓");
    expect(sent.notifications).toEqual([`marginalia-open:${sent.article.openUrl}`]);
    expect(context.pages().length).toBe(tabsBefore);

    const again = await context.newPage();
    await again.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect
      .poll(() => again.getByRole("status").innerText())
      .toBe(`Last sent: “${(await db.article.findUniqueOrThrow({ where: { id: sent.article.id } })).title}”.`);
    expect(await again.getByRole("link", { name: "Open in Marginalia" }).getAttribute("href")).toBe(
      sent.article.openUrl,
    );

    // Its "Open in Marginalia" button (or a click on it) opens the article in a new tab.
    const opened = context.waitForEvent("page");
    await worker.evaluate(
      (id) => (globalThis as unknown as Worker).marginalia.openFromNotification(id),
      sent.notifications[0],
    );
    expect((await opened).url()).toBe(sent.article.openUrl);
  }, 120_000);
});
