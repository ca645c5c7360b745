import { expect, test } from "@playwright/test";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";

const hostileHtml = `<!doctype html><html><head><title>Hostile brief</title><style>body{display:none}</style>
<script>window.__pwned = 1; alert("script")</script></head><body>
<h1>Hostile brief</h1>
<p>Safe paragraph with <strong>bold</strong> and a <a href="https://example.org/report">real link</a>.</p>
<p><img src="x" onerror="window.__pwned = 2; alert('img')">Image paragraph.</p>
<p><a href="javascript:alert('link')">Click me</a> and <a href="JaVaScRiPt:alert(1)">me too</a>.</p>
<p onclick="alert('p')" onmouseover="alert('hover')">Handlers paragraph.</p>
<iframe src="https://example.org/embed"></iframe>
<svg onload="alert('svg')"><circle r="5"></circle></svg>
</body></html>`;

test("uploading HTML with scripts, event handlers and javascript: links stores none of them", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await signedInUser(page, "analyst");
  const workspaceId = await createWorkspace(page);
  const articleId = await importFile(page, workspaceId, {
    name: "hostile.html",
    mimeType: "text/html",
    buffer: Buffer.from(hostileHtml),
  });

  const stored = await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}`)).json();
  const json = JSON.stringify(stored.data.currentRevision.content);
  for (const needle of [
    "<script",
    "alert(",
    "onerror",
    "onclick",
    "onmouseover",
    "javascript:",
    "JaVaScRiPt",
    "iframe",
    "svg",
    "display:none",
  ]) {
    expect(json.toLowerCase()).not.toContain(needle.toLowerCase());
  }
  expect(stored.data.currentRevision.text).toContain("Safe paragraph with bold and a real link.");
  expect(json).toContain("https://example.org/report");

  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  const body = page.getByTestId("article-body");
  await expect(body).toContainText("Handlers paragraph.");
  await expect(body.locator("script, iframe, svg, img, [onclick], [onerror], [onmouseover]")).toHaveCount(0);
  await expect(body.locator('a[href^="javascript" i]')).toHaveCount(0);
  const link = body.getByRole("link", { name: "real link" });
  await expect(link).toHaveAttribute("href", "https://example.org/report");
  await expect(link).toHaveAttribute("rel", /noopener/);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
