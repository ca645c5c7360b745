// The browser extension's scripts (extension/) in jsdom, with the API calls
// they make answered by the real route handlers and a real API token; and
// the zip `npm run build:extension` makes.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { JSDOM } from "jsdom";
import yauzl from "yauzl";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callRoute } from "@/test/call-route";
import { makeUser, makeWorkspace, sessionCookie, type TestUser } from "@/test/factories";
// @ts-expect-error plain JavaScript of the extension
import { collectPage } from "../extension/capture-page.js";
// @ts-expect-error plain JavaScript of the extension
import { startPopup } from "../extension/popup-controller.js";
// @ts-expect-error plain JavaScript of the extension
import { MENU_ID, startBackground } from "../extension/background-controller.js";

const SERVER = "https://marginalia.example";
const PAGE_BODY = `<article><h1>Harbour expansion</h1>
<p>The port authority approved the harbour expansion on Monday after a long debate among the members of its board.</p>
<p>Critics said the dredging would harm the reef that shelters the bay from storms and feeds its fisheries.</p>
<p>Construction starts next spring and should take three years, the authority said in a statement.</p></article>`;

// The tab's page: collectPage reads the globals a content script has.
const dom = new JSDOM("<!doctype html><html><head><title></title></head><body></body></html>", {
  url: "https://coast-news.example/harbour?utm_source=feed",
});
const { window } = dom;
const { document } = window;
Object.assign(globalThis, { window, document, location: window.location });
const submit = (form: HTMLElement) => form.dispatchEvent(new window.Event("submit", { cancelable: true }));

let analyst: TestUser;
let workspaceId: string;
let token: string;

/** fetch as the extension calls it, answered by the app's route handlers. */
async function routedFetch(input: string, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input);
  expect(url.origin).toBe(SERVER);
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  if (url.pathname === "/api/workspaces") {
    return callRoute({ file: "api/workspaces/route.ts", method: init.method ?? "GET", headers });
  }
  const clip = /^\/api\/workspaces\/([^/]+)\/articles\/clip$/.exec(url.pathname);
  if (clip) {
    return callRoute({
      file: "api/workspaces/[workspaceId]/articles/clip/route.ts",
      method: "POST",
      params: { workspaceId: decodeURIComponent(clip[1]) },
      headers,
      body: init.body as string,
    });
  }
  return new Response(JSON.stringify({ error: { code: "NOT_FOUND", message: "Not found." } }), { status: 404 });
}

function selectText(quote: string) {
  const walker = document.createTreeWalker(document.body, window.NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent!.indexOf(quote);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + quote.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
  }
  throw new Error(`${quote} is not on the page`);
}

beforeAll(async () => {
  analyst = await makeUser({ name: "Analyst" });
  workspaceId = await makeWorkspace([{ user: analyst, role: "ANALYST" }]);
  const res = await callRoute({
    file: "api/workspaces/[workspaceId]/api-tokens/route.ts",
    method: "POST",
    params: { workspaceId },
    cookie: await sessionCookie(analyst),
    json: { name: "Browser extension", scope: "READ_WRITE" },
  });
  expect(res.status).toBe(201);
  token = (await res.json()).data.token;
});

describe("the content script", () => {
  it("collects the URL, title, DOM as shown and the selection with its context", () => {
    document.title = "Harbour expansion — Coast News";
    document.body.innerHTML = PAGE_BODY;
    selectText("harm the reef");
    const page = collectPage();
    expect(page.url).toBe(window.location.href);
    expect(page.title).toBe("Harbour expansion — Coast News");
    expect(page.html).toContain("<h1>Harbour expansion</h1>");
    expect(page.selection).toEqual({
      exact: "harm the reef",
      prefix: expect.stringMatching(/said the dredging would $/),
      suffix: expect.stringMatching(/^ that shelters the bay/),
    });
  });

  it("sends no selection when nothing is selected", () => {
    window.getSelection()!.removeAllRanges();
    expect(collectPage().selection).toBeNull();
  });
});

describe("the popup", () => {
  it("connects with a pasted token, lists the workspace and captures the page with the selection highlighted", async () => {
    document.body.innerHTML = readFileSync(path.resolve(__dirname, "../extension/popup.html"), "utf8")
      .replace(/^[\s\S]*<body>/, "")
      .replace(/<\/body>[\s\S]*$/, "");
    const storage: Record<string, unknown> = {};
    const requested: unknown[] = [];
    const tab = { id: 7 };
    // The page in the tab, read by collectPage as executeScript would run it there.
    const tabPage = {
      url: "https://coast-news.example/harbour?utm_source=feed",
      title: "Harbour expansion — Coast News",
      html: `<html lang="en"><head><title>Harbour expansion</title></head><body>${PAGE_BODY}</body></html>`,
      selection: { exact: "harm the reef", prefix: "said the dredging would ", suffix: " that shelters" },
    };
    const chrome = {
      storage: {
        local: {
          get: async (keys: string[]) =>
            Object.fromEntries(keys.filter((k) => k in storage).map((k) => [k, storage[k]])),
          set: async (values: Record<string, unknown>) => void Object.assign(storage, values),
          remove: async (keys: string[]) => keys.forEach((k) => delete storage[k]),
        },
      },
      permissions: { request: async (request: unknown) => (requested.push(request), true) },
      tabs: { query: async () => [tab] },
      scripting: {
        executeScript: async ({ target, func }: { target: { tabId: number }; func: unknown }) => {
          expect(target.tabId).toBe(7);
          expect(func).toBe(collectPage);
          return [{ result: tabPage }];
        },
      },
    };
    await startPopup({ document, chrome, fetch: routedFetch });
    const $ = (id: string) => document.getElementById(id) as HTMLInputElement;
    expect($("setup").hidden).toBe(false);

    $("server").value = `${SERVER}/some/page`;
    $("token").value = token;
    submit($("setup"));
    await expect.poll(() => $("send").hidden, { timeout: 15_000 }).toBe(false);
    expect(requested).toEqual([{ origins: [`${SERVER}/*`] }]);
    expect(storage).toMatchObject({ server: SERVER, token });
    const options = [...document.querySelectorAll("#workspace option")].map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual([workspaceId]);

    submit($("send"));
    // The first capture of the run starts the worker threads (cold, on a busy machine: seconds).
    await expect.poll(() => ($("open").hidden ? $("status").textContent : "shown"), { timeout: 45_000 }).toBe("shown");
    expect($("status").textContent).toMatch(/with your highlight/);
    const articleId = (document.getElementById("open") as HTMLAnchorElement).href.split("/").pop()!;
    expect((document.getElementById("open") as HTMLAnchorElement).href).toBe(
      `${SERVER}/w/${workspaceId}/articles/${articleId}`,
    );
    const article = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(article.canonicalUrl).toBe("https://coast-news.example/harbour?utm_source=feed");
    const [highlight] = await db.annotation.findMany({ where: { articleId } });
    expect(highlight).toMatchObject({ exact: "harm the reef", authorId: analyst.id });
  }, 60_000);

  it("says so when the token is refused", async () => {
    document.body.innerHTML = `<form id="setup"><input id="server"><input id="token"></form><form id="send" hidden><select id="workspace"></select><button id="send-button"></button><button id="disconnect"></button></form><p id="status"></p><a id="open" hidden></a>`;
    const storage: Record<string, unknown> = { server: SERVER, token: "mrg_revoked" };
    const chrome = {
      storage: { local: { get: async () => storage, set: async () => {}, remove: async () => {} } },
      permissions: { request: async () => true },
    };
    await startPopup({ document, chrome, fetch: routedFetch });
    expect(document.getElementById("setup")!.hidden).toBe(false);
    expect(document.getElementById("status")!.textContent).toMatch(/sign|token|Unauth|invalid/i);
  });
});

/** An extension event: listeners added, and a way to fire it as the browser would. */
function event<Args extends unknown[]>() {
  const listeners: ((...args: Args) => unknown)[] = [];
  return {
    addListener: (listener: (...args: Args) => unknown) => void listeners.push(listener),
    fire: (...args: Args) => Promise.all(listeners.map((listener) => listener(...args))),
  };
}

/** The extension API the background uses, recording what it did. */
function backgroundApi(storage: Record<string, unknown>, options: { notificationButtons: boolean }) {
  const notifications = new Map<string, { title: string; message: string; buttons?: { title: string }[] }>();
  const opened: { url: string }[] = [];
  const menus: unknown[] = [];
  const badge = { text: "", title: "" };
  const api = {
    runtime: { onInstalled: event() },
    contextMenus: { create: (menu: unknown) => void menus.push(menu), onClicked: event<[unknown, unknown]>() },
    storage: {
      local: {
        get: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in storage).map((k) => [k, storage[k]])),
        set: async (values: Record<string, unknown>) => void Object.assign(storage, values),
      },
    },
    scripting: {
      executeScript: async () => [
        {
          result: {
            url: "https://coast-news.example/reef",
            title: "Reef — Coast News",
            html: `<html lang="en"><head><title>Reef</title></head><body>${PAGE_BODY}</body></html>`,
            selection: { exact: "feeds its fisheries", prefix: "from storms and ", suffix: "." },
          },
        },
      ],
    },
    action: {
      setBadgeText: async ({ text }: { text: string }) => void (badge.text = text),
      setBadgeBackgroundColor: async () => {},
      setTitle: async ({ title }: { title: string }) => void (badge.title = title),
    },
    notifications: {
      create: async (id: string, note: { title: string; message: string; buttons?: unknown[] }) => {
        // Firefox has no notification buttons and refuses the option.
        if (note.buttons && !options.notificationButtons) throw new Error("buttons is unsupported");
        notifications.set(id, note as never);
        return id;
      },
      clear: async (id: string) => notifications.delete(id),
      onClicked: event<[string]>(),
      onButtonClicked: event<[string, number]>(),
    },
    tabs: { create: async (tab: { url: string }) => void opened.push(tab) },
  };
  return { api, notifications, opened, menus, badge };
}

describe("the context menu", () => {
  it("sends the page with its selection, then offers Open in Marginalia (notification, badge and popup) instead of leaving the page", async () => {
    const storage: Record<string, unknown> = { server: SERVER, token, workspaceId };
    const { api, notifications, opened, menus, badge } = backgroundApi(storage, { notificationButtons: true });
    startBackground({ chrome: api, fetch: routedFetch });
    await api.runtime.onInstalled.fire();
    expect(menus).toEqual([{ id: MENU_ID, title: "Send to Marginalia", contexts: ["selection", "page"] }]);

    await api.contextMenus.onClicked.fire({ menuItemId: MENU_ID }, { id: 3, index: 0 });
    // Nothing opened by itself: the analyst stays on the page.
    expect(opened).toEqual([]);
    expect(badge.text).toBe("✓");
    const [[id, note]] = [...notifications];
    expect(note).toMatchObject({
      title: "Sent to Marginalia",
      message: "“Reef — Coast News”, with your highlight.",
      buttons: [{ title: "Open in Marginalia" }],
    });
    const { lastCapture } = storage as { lastCapture: { id: string; openUrl: string } };
    expect(lastCapture.openUrl).toBe(`${SERVER}/w/${workspaceId}/articles/${lastCapture.id}`);
    const [highlight] = await db.annotation.findMany({ where: { articleId: lastCapture.id } });
    expect(highlight.exact).toBe("feeds its fisheries");

    await api.notifications.onButtonClicked.fire(id, 0);
    expect(opened).toEqual([{ url: lastCapture.openUrl }]);
    expect(notifications.size).toBe(0);

    // The badge leads to the popup, which offers the same article.
    document.body.innerHTML = readFileSync(path.resolve(__dirname, "../extension/popup.html"), "utf8")
      .replace(/^[\s\S]*<body>/, "")
      .replace(/<\/body>[\s\S]*$/, "");
    await startPopup({ document, chrome: { ...api, permissions: { request: async () => true } }, fetch: routedFetch });
    const open = document.getElementById("open") as HTMLAnchorElement;
    expect(open.hidden).toBe(false);
    expect(open.textContent).toBe("Open in Marginalia");
    expect(open.href).toBe(lastCapture.openUrl);
    expect(document.getElementById("status")!.textContent).toBe("Last sent: “Reef — Coast News”.");
    expect(badge.text).toBe("");
  });

  it("opens the article from a click on the notification where buttons are refused (Firefox)", async () => {
    const storage: Record<string, unknown> = { server: SERVER, token, workspaceId };
    const { api, notifications, opened } = backgroundApi(storage, { notificationButtons: false });
    startBackground({ chrome: api, fetch: routedFetch });
    await api.contextMenus.onClicked.fire({ menuItemId: MENU_ID }, { id: 3, index: 0 });
    const [[id, note]] = [...notifications];
    expect(note.buttons).toBeUndefined();
    await api.notifications.onClicked.fire(id);
    expect(opened).toEqual([{ url: (storage.lastCapture as { openUrl: string }).openUrl }]);
  });

  it("says what to do when the extension is not connected, and opens nothing", async () => {
    const { api, notifications, opened, badge } = backgroundApi({}, { notificationButtons: true });
    startBackground({ chrome: api, fetch: routedFetch });
    await api.contextMenus.onClicked.fire({ menuItemId: MENU_ID }, { id: 3, index: 0 });
    expect(badge.text).toBe("!");
    expect([...notifications.values()][0]).toMatchObject({ title: "Not sent to Marginalia" });
    expect([...notifications.values()][0].message).toMatch(/connect it/);
    await api.notifications.onClicked.fire([...notifications.keys()][0]);
    expect(opened).toEqual([]);
  });

  it("captures once when the send is retried after a dropped connection", async () => {
    const storage: Record<string, unknown> = { server: SERVER, token, workspaceId };
    const { api } = backgroundApi(storage, { notificationButtons: true });
    const keys: string[] = [];
    let calls = 0;
    // The first answer is lost on the way back: the server created the article, the extension saw an error.
    const flakyFetch = async (input: string, init: RequestInit = {}) => {
      keys.push(new Headers(init.headers).get("idempotency-key")!);
      const res = await routedFetch(input, init);
      if (++calls === 1) throw new TypeError("Failed to fetch");
      return res;
    };
    const before = await db.article.count({ where: { workspaceId } });
    startBackground({ chrome: api, fetch: flakyFetch });
    await api.contextMenus.onClicked.fire({ menuItemId: MENU_ID }, { id: 3, index: 0 });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await db.article.count({ where: { workspaceId } })).toBe(before + 1);
    expect(storage.lastCapture).toMatchObject({ highlighted: true });
  });
});

describe("npm run build:extension", () => {
  it("zips a Manifest V3 extension with every file its manifest names and no remote code", async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), "extension-")), "marginalia-extension.zip");
    execFileSync(process.execPath, [path.resolve(__dirname, "../scripts/build-extension.mjs"), out]);
    const entries = new Map<string, string>();
    await new Promise<void>((resolve, reject) => {
      yauzl.open(out, { lazyEntries: true }, (err, zip) => {
        if (err || !zip) return reject(err);
        zip.on("entry", (entry: yauzl.Entry) => {
          zip.openReadStream(entry, (streamErr, stream) => {
            if (streamErr || !stream) return reject(streamErr);
            const chunks: Buffer[] = [];
            stream.on("data", (chunk: Buffer) => chunks.push(chunk));
            stream.on("end", () => {
              entries.set(entry.fileName, Buffer.concat(chunks).toString("utf8"));
              zip.readEntry();
            });
          });
        });
        zip.on("end", resolve);
        zip.readEntry();
      });
    });
    const manifest = JSON.parse(entries.get("manifest.json")!);
    expect(manifest.manifest_version).toBe(3);
    for (const file of [
      manifest.action.default_popup,
      manifest.background.service_worker,
      ...Object.values<string>(manifest.icons),
    ]) {
      expect(entries.has(file), file).toBe(true);
    }
    for (const [name, text] of entries) {
      if (/\.(js|html)$/.test(name)) expect(text, name).not.toMatch(/src=["']https?:|from\s+["']https?:/);
      // Every module a script imports is in the zip.
      for (const [, imported] of text.matchAll(/from\s+["']\.\/([^"']+)["']/g))
        expect(entries.has(imported)).toBe(true);
    }
    expect(manifest.content_security_policy.extension_pages).toContain("script-src 'self'");
  });
});
