// HTML → article content on a worker thread: the same content and errors as
// on the request's thread, and an unrelated request is answered promptly
// while a 5 MB page is being sanitized for a capture or an .html upload.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentFromHtml } from "@/lib/content/html";
import { parseArticleUpload } from "@/lib/content/import-article";
import { XSS_CORPUS } from "@/lib/content/xss-corpus.fixture";
import { AppError } from "@/lib/errors";
import { readCapturedPage } from "@/lib/server/capture/capture-article";
import { contentFromHtmlOffThread } from "@/lib/server/compute-pool";

const ARTICLE = `<!doctype html><html lang="en"><head><title>Dam report</title><script>x()</script></head><body>
<article><h1>Dam report</h1><h5>Deep heading</h5><p class="byline">By <b>Jane</b> Roe</p>
<p>The dam was <a href="https://example.org/dam" title="Dam">inspected</a> in March, <a href="/relative">see</a>.</p>
<table><tr><th>Year</th><td>2026</td></tr></table><dl><dt>Term</dt><dd>Meaning</dd></dl>
<pre><code class="language-js">let x = 1;
</code></pre><ol start="3" type="a"><li>three</li><li>four <em>em</em></li></ol>
<blockquote><p>Quoted <s>struck</s> <u>under</u> <code>code</code></p></blockquote>
<form><p>The article.</p><input value="x"></form><img src="https://t.example/p.gif">
<p>  a \n  b\u00a0\u00a0c 🇦🇫 👩‍👩‍👧 </p><hr><p>after<br>break</p></article></body></html>`;

/**
 * 0.6 MB of ordinary markup (nested a few levels, well under the nesting
 * limit), ≈ 42,000 characters of text: seconds of jsdom and ProseMirror. A
 * 5 MB page takes about eight times as long; 0.6 MB keeps the test short.
 */
const HUGE = `<html><body><article>${'<div class="c"><p><span><b>ab</b></span> <i><a href="https://example.org/x">cd</a></i></p></div>'.repeat(6_000)}</article></body></html>`;

/**
 * How long an unrelated request may wait: 200 ms, or on a machine so busy
 * that the conversion takes minutes, 5 % of the conversion's time. On the
 * request's thread, sanitizing blocked every request for about a third of it
 * (16.8 s of 58 s here, under a load of 18 on 2 cores); off it, the slowest
 * answer took 0.2–0.9 s of 26–85 s at that load.
 */
const promptly = (elapsed: number) => Math.max(200, elapsed * 0.05);

let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => res.end("pong"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Warm the worker thread (its first task compiles the module it runs).
  await contentFromHtmlOffThread("<p>warm</p>");
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/**
 * Runs `work` while asking the unrelated server for /ping every 20 ms; the
 * slowest answer and how many there were.
 */
async function whilePinging<T>(work: () => Promise<T>) {
  let done = false;
  const latencies: number[] = [];
  const pinging = (async () => {
    while (!done) {
      // From when the request was due, not when this (same) thread got round
      // to sending it: a client elsewhere would have sent it on time.
      const due = performance.now() + 20;
      await new Promise((resolve) => setTimeout(resolve, 20));
      await (await fetch(`${origin}/ping`)).text();
      latencies.push(performance.now() - due);
    }
  })();
  const started = performance.now();
  const result = await work().finally(() => {
    done = true;
  });
  const elapsed = performance.now() - started;
  await pinging;
  console.log(
    `${latencies.length} pings over ${Math.round(elapsed)} ms, slowest ${Math.round(Math.max(...latencies))} ms`,
  );
  return { result, elapsed, slowest: Math.max(...latencies), pings: latencies.length };
}

describe("contentFromHtmlOffThread", () => {
  it("gives the same content as contentFromHtml", async () => {
    for (const html of [ARTICLE, "", "<p>x</p>", "<ul>" + "<li>item".repeat(500) + "</ul>", ...XSS_CORPUS]) {
      expect(await contentFromHtmlOffThread(html), html.slice(0, 80)).toEqual(contentFromHtml(html));
    }
  });

  it("throws the same AppError", async () => {
    const html = "<div>".repeat(5_000) + "deep";
    const error = await contentFromHtmlOffThread(html).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "UNPROCESSABLE", message: "The document is nested too deeply to import." });
    expect(() => contentFromHtml(html)).toThrow("The document is nested too deeply to import.");
  });
});

describe("reading a large page", () => {
  it("answers an unrelated request promptly while a captured page is extracted and sanitized", async () => {
    const { result, elapsed, slowest, pings } = await whilePinging(() =>
      readCapturedPage({ url: "https://news.example/huge", html: HUGE }),
    );
    expect(result.text.length).toBeGreaterThan(40_000);
    // The conversion took long enough for the pings to mean something.
    expect(pings, `${elapsed} ms`).toBeGreaterThan(5);
    expect(slowest, `slowest answer in ${pings} pings over ${Math.round(elapsed)} ms`).toBeLessThan(promptly(elapsed));
  }, 300_000);

  it("answers an unrelated request promptly while an .html upload is sanitized", async () => {
    const { result, elapsed, slowest, pings } = await whilePinging(() =>
      parseArticleUpload({ filename: "huge.html", mimeType: "text/html", bytes: new TextEncoder().encode(HUGE) }),
    );
    expect(result.text.length).toBeGreaterThan(40_000);
    expect(pings, `${elapsed} ms`).toBeGreaterThan(5);
    expect(slowest, `slowest answer in ${pings} pings over ${Math.round(elapsed)} ms`).toBeLessThan(promptly(elapsed));
  }, 300_000);
});
