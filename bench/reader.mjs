// The reader benchmark: how fast an article page with N highlights becomes
// usable in Chromium, how long the main thread blocks on the way, and how fast
// a new highlight shows and is saved. Run through bench/run.mjs.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const LOAD_TIMEOUT_MS = 90_000;
/** After the page is ready, long tasks are still collected this long (they are reported when they end). */
const SETTLE_MS = 1000;

/**
 * Runs in every page before its own scripts: records long tasks and the
 * moment the article is usable — the live editor is mounted, at least `n`
 * distinct annotations are drawn as `mark.annotation-highlight`, and the panel
 * lists rows (or, for n = 0, is there), and on an article with relations
 * (`arcs`) the arc layer shows labels (the relations on screen are drawn) —
 * then the next frame after it.
 */
function installProbes({ n, arcs }) {
  const bench = { longTasks: [], domReady: null, ready: null };
  window.__bench = bench;
  // The save's entry must not be dropped from a full buffer (250 by default) on a long-open page.
  performance.setResourceTimingBufferSize(100_000);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    bench.noLongTaskApi = true;
  }
  // Ids of highlights added so far, collected from the mutation records (each added element is
  // looked at once); only when there are enough is the DOM scanned to confirm they are all still
  // there. Scanning every mark after every mutation cost the page 60 ms at N = 5,000.
  const seen = new Set();
  const collect = (records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.tagName === "MARK") seen.add(node.getAttribute("data-annotation-id"));
        if (node.firstElementChild)
          for (const mark of node.getElementsByTagName("mark")) seen.add(mark.getAttribute("data-annotation-id"));
      }
    }
  };
  const allDrawn = () => {
    const ids = new Set();
    for (const mark of document.getElementsByClassName("annotation-highlight"))
      if (mark.tagName === "MARK") ids.add(mark.getAttribute("data-annotation-id"));
    return ids.size >= n;
  };
  const check = (records) => {
    const now = performance.now();
    if (bench.domReady !== null) return;
    if (n > 0) collect(records);
    const body = document.querySelector("[data-testid=article-body]");
    if (!body || !body.querySelector(".ProseMirror[contenteditable=true]")) return;
    const panel = document.querySelector("[data-testid=annotation-panel]");
    if (!panel) return;
    if (n > 0 && (!panel.querySelector("[role=option]") || seen.size < n || !allDrawn())) return;
    if (arcs && !document.querySelector("[data-testid=relation-arcs] .relation-label")) return;
    bench.domReady = now;
    observer.disconnect();
    // The frame that shows it: a task posted from requestAnimationFrame runs after that frame's paint.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (bench.ready = performance.now());
      channel.port2.postMessage(null);
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["contenteditable"],
  });
}

const median = (values) => {
  const sorted = values.filter((v) => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (v) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);

/** Summaries of long tasks starting in [from, to]: the longest, total blocking time, and how many exceed 200 ms. */
function blocking(longTasks, from, to) {
  const tasks = longTasks.filter((t) => t.start >= from && t.start <= to);
  return {
    longestTaskMs: round(Math.max(0, ...tasks.map((t) => t.duration))),
    tbtMs: round(tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0)),
    tasksOver200: tasks.filter((t) => t.duration > 200).length,
  };
}

async function newContext(browser, baseUrl, sessionToken, n, { arcs = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name: "next-auth.session-token", value: sessionToken, url: baseUrl }]);
  await context.addInitScript(installProbes, { n, arcs });
  return context;
}

/** One cold load (fresh context, empty cache) of an article with `n` annotations. */
async function measureLoad(
  browser,
  { baseUrl, sessionToken, path, n, relations = 0, profilePath = null, tracePath = null },
) {
  const context = await newContext(browser, baseUrl, sessionToken, n, { arcs: relations > 0 });
  try {
    const page = await context.newPage();
    if (tracePath) await browser.startTracing(page, { path: tracePath, screenshots: false });
    const cdp = profilePath ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    const response = await page.goto(`${baseUrl}${path}`, { waitUntil: "commit", timeout: LOAD_TIMEOUT_MS });
    if (!response?.ok()) throw new Error(`GET ${path}: HTTP ${response?.status()}`);
    await page.waitForFunction(() => window.__bench.ready !== null, null, { timeout: LOAD_TIMEOUT_MS, polling: 100 });
    await page.waitForTimeout(SETTLE_MS);
    if (cdp) {
      const { profile } = await cdp.send("Profiler.stop");
      await writeFile(profilePath, JSON.stringify(profile));
    }
    if (tracePath) await browser.stopTracing();
    const probe = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      return {
        ...window.__bench,
        ttfb: nav?.responseStart ?? null,
        htmlBytes: nav?.transferSize ?? null,
        fcp: fcp?.startTime ?? null,
        marks: document.querySelectorAll("mark.annotation-highlight").length,
        rows: document.querySelectorAll("[data-testid=annotation-panel] [role=option]").length,
      };
    });
    if (probe.noLongTaskApi) throw new Error("This Chromium does not report long tasks.");
    return {
      readyMs: round(probe.ready),
      domReadyMs: round(probe.domReady),
      fcpMs: round(probe.fcp),
      ttfbMs: round(probe.ttfb),
      htmlKb: probe.htmlBytes === null ? null : Math.round(probe.htmlBytes / 1024),
      marks: probe.marks,
      panelRows: probe.rows,
      ...blocking(probe.longTasks, 0, probe.ready + SETTLE_MS),
    };
  } finally {
    await context.close();
  }
}

/**
 * Selects the `index`-th unhighlighted word of 5+ letters in the live editor
 * with a DOM Range (as a mouse selection would) and returns it.
 */
function selectWord(index) {
  const view = document.querySelector("[data-testid=article-body] .ProseMirror[contenteditable=true]");
  const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
  let seen = 0;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement?.closest("mark")) continue;
    for (const match of node.data.matchAll(/(?<![\p{L}’'])\p{Ll}{5,}(?![\p{L}’'])/gu)) {
      if (seen++ < index) continue;
      view.focus();
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return match[0];
    }
  }
  return null;
}

/** Arms the page to time the next `h`: keydown → new highlight in the DOM → the frame that shows it. */
function armCreateProbe() {
  const view = document.querySelector("[data-testid=article-body] .ProseMirror[contenteditable=true]");
  const marks = view.getElementsByClassName("annotation-highlight");
  const before = new Set(Array.from(marks, (m) => m.getAttribute("data-annotation-id")));
  const probe = { keydown: null, mark: null, paint: null };
  window.__create = probe;
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "h") probe.keydown = event.timeStamp;
    },
    { capture: true, once: true },
  );
  const observer = new MutationObserver(() => {
    const now = performance.now();
    for (const mark of marks) {
      if (before.has(mark.getAttribute("data-annotation-id"))) continue;
      probe.mark = now;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (probe.paint = performance.now());
        channel.port2.postMessage(null);
      });
      return;
    }
  });
  observer.observe(view, { childList: true, subtree: true });
}

/** Creates `reps` highlights one after the other on an open article page and times each. */
async function measureCreate(browser, { baseUrl, sessionToken, path: articlePath, n, reps, profileDir = null, log }) {
  const context = await newContext(browser, baseUrl, sessionToken, n);
  const runs = [];
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}${articlePath}`, { waitUntil: "commit", timeout: LOAD_TIMEOUT_MS });
    await page.waitForFunction(() => window.__bench.ready !== null, null, { timeout: LOAD_TIMEOUT_MS, polling: 100 });
    await page.waitForTimeout(2000);
    const toolbar = page.getByRole("toolbar", { name: "Annotate selection" });
    for (let rep = 0; rep < reps; rep++) {
      const word = await page.evaluate(selectWord, rep * 7);
      if (!word) throw new Error("No unhighlighted word to select.");
      await toolbar.waitFor({ state: "visible", timeout: 10_000 });
      await page.evaluate(armCreateProbe);
      // BENCH_PROFILE_DIR: the last highlight is traced.
      const tracePath = profileDir && rep === reps - 1 ? path.join(profileDir, `create-n${n}.trace.json`) : null;
      if (tracePath) await browser.startTracing(page, { path: tracePath, screenshots: false });
      const saved = page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname.endsWith("/annotations"),
        { timeout: 30_000 },
      );
      await page.keyboard.press("h");
      const response = await saved;
      if (response.status() !== 201) throw new Error(`Creating a highlight: HTTP ${response.status()}`);
      await page.waitForFunction(() => window.__create.paint !== null, null, { timeout: 30_000, polling: 50 });
      await page.waitForTimeout(SETTLE_MS);
      if (tracePath) {
        await browser.stopTracing();
        log(`  trace of a highlight on N=${n}: ${tracePath}`);
      }
      // The POST's own entry: resource timing has no method, and the live event of the new
      // highlight makes the page fetch it again at the same path (`…/annotations?ids=…`).
      const probe = await page.evaluate((url) => {
        const post = performance
          .getEntriesByType("resource")
          .find((e) => e.initiatorType === "fetch" && e.name === url && e.startTime >= window.__create.keydown);
        return {
          ...window.__create,
          fetchStart: post?.fetchStart ?? null,
          requestStart: post?.requestStart ?? null,
          responseStart: post?.responseStart ?? null,
          responseEnd: post?.responseEnd ?? null,
          longTasks: window.__bench.longTasks,
        };
      }, response.url());
      runs.push({
        word,
        markMs: round(probe.mark - probe.keydown),
        paintMs: round(probe.paint - probe.keydown),
        savedMs: round(probe.responseEnd - probe.keydown),
        // Where the save's time goes: until the page called fetch, until the request
        // was sent, until the server's first byte.
        fetchStartMs: round(probe.fetchStart - probe.keydown),
        requestStartMs: round(probe.requestStart - probe.keydown),
        responseStartMs: round(probe.responseStart - probe.keydown),
        ...blocking(probe.longTasks, probe.keydown - 1, probe.keydown + SETTLE_MS),
      });
      await toolbar.waitFor({ state: "hidden", timeout: 10_000 }).catch(() => undefined);
    }
  } finally {
    await context.close();
  }
  return runs;
}

/** Percentile `p` (0–100) of `values`, nearest rank. */
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
};

/**
 * Scrolls the whole article in the page, `step` px per animation frame (a
 * fast, smooth wheel scroll), and returns the frames' durations (rAF to rAF).
 */
function scrollFrames({ step, frames }) {
  return new Promise((resolve) => {
    const times = [];
    let last = null;
    window.scrollTo(0, 0);
    const tick = (now) => {
      if (last !== null) times.push(now - last);
      last = now;
      if (times.length >= frames) return resolve(times);
      const bottom = document.documentElement.scrollHeight - window.innerHeight;
      window.scrollBy(0, window.scrollY >= bottom ? -bottom : step);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * Frame times while scrolling an open article, with the relation arcs shown
 * and then hidden (the reader's toggle), `reps` passes each.
 */
async function measureScroll(browser, { baseUrl, sessionToken, path: articlePath, n, reps, log }) {
  const context = await newContext(browser, baseUrl, sessionToken, n);
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}${articlePath}`, { waitUntil: "commit", timeout: LOAD_TIMEOUT_MS });
    await page.waitForFunction(() => window.__bench.ready !== null, null, { timeout: LOAD_TIMEOUT_MS, polling: 100 });
    await page.waitForTimeout(2000);
    const result = {};
    for (const arcs of ["on", "off"]) {
      if (arcs === "off") await page.getByRole("button", { name: "Hide relations" }).click();
      const all = [];
      for (let rep = 0; rep < reps; rep++) all.push(...(await page.evaluate(scrollFrames, { step: 60, frames: 300 })));
      const labels = await page.evaluate(
        () => document.querySelectorAll("[data-testid=relation-arcs] .relation-label").length,
      );
      result[arcs] = {
        frames: all.length,
        p50Ms: round(percentile(all, 50)),
        p95Ms: round(percentile(all, 95)),
        maxMs: round(Math.max(...all)),
        labelsAtEnd: labels,
      };
      log(
        `  scroll, arcs ${arcs}: p50 ${result[arcs].p50Ms} ms, p95 ${result[arcs].p95Ms} ms, max ${result[arcs].maxMs} ms per frame`,
      );
    }
    return result;
  } finally {
    await context.close();
  }
}

/** Arms the page to time the next Enter in the link menu: keydown → the new arc's label in the DOM → its frame. */
function armRelationProbe() {
  const layer = document.querySelector("[data-testid=relation-arcs]");
  const before = new Set(
    Array.from(layer.querySelectorAll("[data-relation-id]"), (e) => e.getAttribute("data-relation-id")),
  );
  const probe = { keydown: null, arc: null, paint: null };
  window.__link = probe;
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Enter") probe.keydown = event.timeStamp;
    },
    { capture: true, once: true },
  );
  const observer = new MutationObserver(() => {
    for (const label of layer.querySelectorAll("[data-relation-id]")) {
      if (before.has(label.getAttribute("data-relation-id"))) continue;
      probe.arc = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (probe.paint = performance.now());
        channel.port2.postMessage(null);
      });
      return;
    }
  });
  observer.observe(layer, { childList: true, subtree: true });
}

/**
 * Two highlights on screen on the same line, each visible at its centre (not under an arc's label),
 * so that clicking one then the other picks them (the first one's hover card opens below its line):
 * the `index`-th such pair, their centres.
 */
function pickPair(index) {
  const centre = (mark) => {
    const r = mark.getClientRects()[0];
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, top: r.top };
  };
  const shown = [];
  const ids = new Set();
  for (const mark of document.querySelectorAll("mark.annotation-highlight[data-annotation-id]")) {
    const id = mark.getAttribute("data-annotation-id");
    const r = mark.getBoundingClientRect();
    if (ids.has(id) || r.top <= 120 || r.bottom >= window.innerHeight - 40 || r.width <= 8) continue;
    const c = centre(mark);
    if (document.elementFromPoint(c.x, c.y)?.closest("mark")?.getAttribute("data-annotation-id") !== id) continue;
    ids.add(id);
    shown.push({ id, ...c });
  }
  const pairs = [];
  for (let i = 0; i + 1 < shown.length; i++) {
    if (Math.abs(shown[i].top - shown[i + 1].top) < 2) pairs.push([shown[i], shown[i + 1]]);
    i += pairs.length && pairs.at(-1)[1] === shown[i + 1] ? 1 : 0;
  }
  const pair = pairs[index];
  return pair ? { a: pair[0], b: pair[1] } : null;
}

/** Links `reps` pairs of highlights on an open article (click, r, click, Enter) and times each confirmation. */
async function measureCreateRelation(browser, { baseUrl, sessionToken, path: articlePath, n, reps, log }) {
  const context = await newContext(browser, baseUrl, sessionToken, n);
  const runs = [];
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}${articlePath}`, { waitUntil: "commit", timeout: LOAD_TIMEOUT_MS });
    await page.waitForFunction(() => window.__bench.ready !== null, null, { timeout: LOAD_TIMEOUT_MS, polling: 100 });
    await page.waitForTimeout(2000);
    await page.evaluate(() => window.scrollTo(0, 2000));
    await page.waitForTimeout(500);
    const menu = page.getByRole("listbox", { name: "Relation type" });
    for (let rep = 0; rep < reps; rep++) {
      const pair = await page.evaluate(pickPair, rep);
      if (!pair) throw new Error("No two highlights on screen to link.");
      await page.mouse.click(pair.a.x, pair.a.y);
      await page.keyboard.press("r");
      await page.getByRole("searchbox", { name: "Find the target annotation" }).waitFor({ timeout: 10_000 });
      await page.mouse.click(pair.b.x, pair.b.y);
      await menu.waitFor({ timeout: 10_000 });
      await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Relation type");
      await page.evaluate(armRelationProbe);
      const saved = page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname.endsWith("/relations"),
        { timeout: 30_000 },
      );
      await page.keyboard.press("Enter");
      const response = await saved;
      if (response.status() !== 201) throw new Error(`Creating a relation: HTTP ${response.status()}`);
      await page.waitForFunction(() => window.__link.paint !== null, null, { timeout: 30_000, polling: 50 });
      await page.waitForTimeout(SETTLE_MS);
      const probe = await page.evaluate((url) => {
        const post = performance
          .getEntriesByType("resource")
          .find((e) => e.initiatorType === "fetch" && e.name === url && e.startTime >= window.__link.keydown);
        return { ...window.__link, responseEnd: post?.responseEnd ?? null, requestStart: post?.requestStart ?? null };
      }, response.url());
      const run = {
        arcMs: round(probe.arc - probe.keydown),
        paintMs: round(probe.paint - probe.keydown),
        savedMs: round(probe.responseEnd - probe.keydown),
        serverMs: round(probe.responseEnd - probe.requestStart),
      };
      log(
        `  link on N=${n}: arc ${run.arcMs} ms, painted ${run.paintMs} ms, saved ${run.savedMs} ms (request to response ${run.serverMs} ms)`,
      );
      runs.push(run);
    }
  } finally {
    await context.close();
  }
  return runs;
}

function summarize(runs, keys) {
  return Object.fromEntries(keys.map((k) => [k, round(median(runs.map((r) => r[k])))]));
}

/**
 * Loads each article `reps` times (rounds interleaved over the articles, after
 * one unmeasured warm-up load each) and reports medians; then creates `reps`
 * highlights on the articles listed in `createOn`; then, on the article
 * `relationsOn` (the one seeded with relations), times scrolling with the
 * arcs on and off and `reps` links.
 */
export async function benchReader({
  baseUrl,
  sessionToken,
  articles,
  reps = 3,
  createOn = [],
  relationsOn = null,
  log = console.log,
}) {
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    for (const article of articles) {
      log(`  warm-up load, N=${article.n}`);
      await measureLoad(browser, { baseUrl, sessionToken, ...article });
    }
    const key = (a) => a.key ?? a.n;
    const runs = new Map(articles.map((a) => [key(a), []]));
    for (let rep = 0; rep < reps; rep++) {
      for (const article of articles) {
        const run = await measureLoad(browser, { baseUrl, sessionToken, ...article });
        log(
          `  load N=${key(article)} #${rep + 1}: ready ${run.readyMs} ms, longest task ${run.longestTaskMs} ms, TBT ${run.tbtMs} ms`,
        );
        runs.get(key(article)).push(run);
      }
    }
    // BENCH_PROFILE_DIR: two more loads per article, one under the V8 sampling profiler, one traced (open either in Chrome DevTools).
    const profileDir = process.env.BENCH_PROFILE_DIR;
    if (profileDir) {
      for (const article of articles) {
        const profilePath = path.join(profileDir, `reader-n${key(article)}.cpuprofile`);
        await measureLoad(browser, { baseUrl, sessionToken, ...article, profilePath });
        log(`  profile of a load with N=${article.n}: ${profilePath}`);
        const tracePath = path.join(profileDir, `reader-n${key(article)}.trace.json`);
        await measureLoad(browser, { baseUrl, sessionToken, ...article, tracePath });
        log(`  trace of a load with N=${article.n} (Chrome DevTools, Performance): ${tracePath}`);
      }
    }
    const loadKeys = ["readyMs", "domReadyMs", "fcpMs", "ttfbMs", "longestTaskMs", "tbtMs", "tasksOver200"];
    const load = articles.map((a) => ({
      n: a.n,
      key: key(a),
      relations: a.relations ?? 0,
      htmlKb: runs.get(key(a))[0].htmlKb,
      marks: runs.get(key(a))[0].marks,
      panelRows: runs.get(key(a))[0].panelRows,
      median: summarize(runs.get(key(a)), loadKeys),
      runs: runs.get(key(a)),
    }));

    const create = [];
    for (const n of createOn) {
      const article = articles.find((a) => a.n === n && !a.relations);
      const createRuns = await measureCreate(browser, { baseUrl, sessionToken, ...article, reps, profileDir, log });
      for (const r of createRuns) {
        log(
          `  create on N=${n}: mark ${r.markMs} ms, painted ${r.paintMs} ms, saved ${r.savedMs} ms (fetch called ${r.fetchStartMs}, sent ${r.requestStartMs}, first byte ${r.responseStartMs})`,
        );
      }
      create.push({
        n,
        median: summarize(createRuns, ["markMs", "paintMs", "savedMs", "longestTaskMs"]),
        runs: createRuns,
      });
    }
    // Relations (issue 15): scrolling with arcs on and off, and linking, on the article that has them.
    let relations = null;
    if (relationsOn !== null) {
      const article = articles.find((a) => key(a) === relationsOn);
      const scroll = await measureScroll(browser, { baseUrl, sessionToken, ...article, reps, log });
      const linkRuns = await measureCreateRelation(browser, { baseUrl, sessionToken, ...article, reps, log });
      relations = {
        n: relationsOn,
        scroll,
        link: { median: summarize(linkRuns, ["arcMs", "paintMs", "savedMs", "serverMs"]), runs: linkRuns },
      };
    }
    return { load, create, relations };
  } finally {
    await browser.close();
  }
}
