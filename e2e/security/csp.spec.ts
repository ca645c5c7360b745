import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { seedArticlePath } from "../fixtures/shared-articles";
import { annotationRows, reply, threadPane } from "../factories/discussion";
import { exportViaUi } from "../factories/exports";
import { selectText } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";

/** Records every CSP violation the page reports, on every document it loads, as events and console errors. */
async function watchCsp(page: Page): Promise<() => string[]> {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) seen.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (violation: string) => seen.push(violation));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      ),
    );
  });
  return () => [...seen];
}

function scriptSrc(policy: string | undefined): string {
  return (policy ?? "").split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
}

test("the article page runs under a nonce CSP with no violation while annotating, discussing and exporting", async ({
  page,
}) => {
  const violations = await watchCsp(page);
  await signedInUser(page, "csp");
  const workspaceId = await createWorkspace(page, "CSP desk");
  const articleId = await importFile(page, workspaceId, {
    name: "afghan-resistance-2021.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });

  const response = await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  const policy = response?.headers()["content-security-policy"];
  expect(scriptSrc(policy)).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc(policy)).not.toContain("unsafe-inline");
  const nonce = /'nonce-([^']+)'/.exec(policy!)![1];
  // Next.js put this response's nonce on its scripts, and the page came alive with them.
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => [...document.scripts].every((s) => s.nonce !== ""))).toBe(true);
  expect(nonce.length).toBeGreaterThanOrEqual(16);

  // Annotate: select a passage and highlight it with H.
  await selectText(page, "Massoud");
  await expect(page.getByRole("toolbar", { name: "Annotate selection" })).toBeVisible();
  await page.keyboard.press("h");
  await expect(page.locator("mark.annotation-highlight").first()).toBeVisible();
  await expect(annotationRows(page)).toHaveCount(1);

  // Discuss: open its thread and reply.
  await annotationRows(page).first().click();
  await expect(threadPane(page)).toBeVisible();
  await reply(page, "Checked against the CSP.");

  // Export through the dialog.
  const { name } = await exportViaUi(page, /W3C/);
  expect(name).toMatch(/\.json/);

  expect(violations()).toEqual([]);

  // The policy is enforced: an injected inline handler does not run, and is reported.
  await page.evaluate(() => {
    document.body.insertAdjacentHTML(
      "beforeend",
      `<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.injectedRan = true">`,
    );
  });
  await expect.poll(() => violations().length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { injectedRan?: boolean }).injectedRan)).toBeUndefined();
});

test("other pages with third-party rendering run under the CSP with no violation", async ({ page }) => {
  const violations = await watchCsp(page);
  await signedInUser(page, "csp-pages");
  const workspaceId = await createWorkspace(page, "CSP pages");
  const articleId = await importFile(page, workspaceId, {
    name: "afghan-resistance-2021.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const api = `/api/workspaces/${workspaceId}`;
  const types: { id: string; name: string }[] = (await (await page.request.get(`${api}/entity-types`)).json()).data;
  const revision = (await (await page.request.get(`${api}/articles/${articleId}`)).json()).data.currentRevision;
  const items = [];
  for (const [name, quote] of [
    ["Ahmad Massoud", "Massoud"],
    ["Amrullah Saleh", "Saleh"],
  ]) {
    const res = await page.request.post(`${api}/entities`, { data: { name, typeId: types[0].id } });
    const entityId = (await res.json()).data.id;
    for (let at = revision.text.indexOf(quote); at >= 0; at = revision.text.indexOf(quote, at + 1)) {
      items.push({ revisionId: revision.id, start: at, end: at + quote.length, exact: quote, entityId });
    }
  }
  expect(
    (await page.request.post(`${api}/articles/${articleId}/annotations/batch`, { data: { items } })).status(),
  ).toBe(201);

  // The network graph: sigma on WebGL, its layout in a blob: worker.
  await page.goto(`/w/${workspaceId}/entities/network`);
  await expect(page.getByTestId("network-graph")).toHaveAttribute("data-layout", "done", { timeout: 15_000 });
  // The dashboard's recharts charts.
  await page.goto(`/w/${workspaceId}/dashboard`);
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  // The revision editor (Tiptap), the API reference, the account page and sign-in.
  await page.goto(`/w/${workspaceId}/articles/${articleId}/edit`);
  await expect(page.locator(".ProseMirror[contenteditable=true]").first()).toBeVisible();
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.context().clearCookies();
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: /sign in/i }).first()).toBeVisible();

  expect(violations()).toEqual([]);
});
