import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { annotateViaApi, highlightsOf } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

// Runs in the "mobile" project (playwright.config.ts): 390 × 844, touch.
// MOBILE_SHOTS=<folder> keeps a screenshot of every page there.
const shots = process.env.MOBILE_SHOTS;

async function workspaceWithArticle(page: Page) {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Small screen desk");
  const articleId = await importFile(page, workspaceId, {
    name: "afghan-resistance-2021.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  return { workspaceId, articleId };
}

/**
 * How far the page is wider than the screen (0 when it fits): `scrollWidth`
 * against `innerWidth`, and against the 390 px screen itself, since a mobile
 * browser widens its layout viewport (and so `innerWidth`) to a page too wide.
 */
async function overflow(page: Page): Promise<number> {
  const screen = page.viewportSize()!.width;
  return page.evaluate(
    (screen) =>
      Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - Math.min(window.innerWidth, screen),
    screen,
  );
}

test("no page is wider than the screen", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { workspaceId, articleId } = await workspaceWithArticle(page);
  const api = `/api/workspaces/${workspaceId}`;
  const types = (await (await page.request.get(`${api}/entity-types`)).json()).data;
  const entity = await page.request.post(`${api}/entities`, {
    data: { name: "Ahmad Massoud", typeId: types[0].id, aliases: ["Massoud"] },
  });
  const entityId: string = (await entity.json()).data.id;
  await annotateViaApi(page, workspaceId, articleId, "Ahmad Massoud", 0, entityId);
  await annotateViaApi(page, workspaceId, articleId, "Amrullah Saleh");

  const w = `/w/${workspaceId}`;
  const pages = {
    workspaces: "/workspaces",
    account: "/account",
    "api-docs": "/api-docs",
    articles: w,
    import: `${w}/import`,
    article: `${w}/articles/${articleId}`,
    edit: `${w}/articles/${articleId}/edit`,
    revision: `${w}/articles/${articleId}/revisions/1`,
    agreement: `${w}/articles/${articleId}/agreement`,
    curation: `${w}/articles/${articleId}/curation`,
    review: `${w}/review`,
    entities: `${w}/entities`,
    entity: `${w}/entities/${entityId}`,
    network: `${w}/entities/network`,
    dashboard: `${w}/dashboard`,
    activity: `${w}/activity`,
    members: `${w}/members`,
    settings: `${w}/settings`,
  };
  const wide: Record<string, number> = {};
  const visit = async (p: Page, name: string, path: string) => {
    await p.goto(path);
    await expect(p.locator("main").first()).toBeVisible();
    // Client components (the reader, charts, tables) lay out after hydration.
    await p.waitForTimeout(400);
    const by = await overflow(p);
    if (by > 0) {
      // Name the widest elements, to say what sticks out.
      const culprits = await p.evaluate((screen) => {
        const out: string[] = [];
        for (const el of document.querySelectorAll<HTMLElement>("body *")) {
          const r = el.getBoundingClientRect();
          if (r.right > screen + 1 && el.children.length === 0)
            out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${Math.round(r.right)}`);
        }
        return out.slice(0, 5);
      }, p.viewportSize()!.width);
      wide[name] = by;
      console.log(`${name}: ${by} px too wide:`, culprits.join(" | "));
    }
    if (shots) await p.screenshot({ path: `${shots}/${name}.png`, fullPage: false });
  };
  for (const [name, path] of Object.entries(pages)) await visit(page, name, path);

  const signedOut = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const guest = await signedOut.newPage();
  await visit(guest, "signin", "/signin");
  await visit(guest, "signup", "/signup");
  await signedOut.close();

  expect(wide, "pages wider than the screen (px too wide)").toEqual({});
});

test("the header fits: the bell and Sign out are on screen, and the reader comes before the annotation list", async ({
  page,
}) => {
  const { workspaceId, articleId } = await workspaceWithArticle(page);
  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  for (const control of [
    page.getByRole("button", { name: /^Notifications/ }),
    page.getByRole("button", { name: "Sign out" }),
  ]) {
    await expect(control).toBeInViewport();
  }
  // The article's text starts on the first screen; the panel is one tap away.
  const body = page.getByTestId("article-body").locator(".ProseMirror p").first();
  await expect(body).toBeVisible();
  expect((await body.boundingBox())!.y).toBeLessThan(844);
  await expect(page.getByTestId("annotation-panel")).not.toBeInViewport();
  await page.getByRole("button", { name: /^Annotations/ }).tap();
  await expect(page.getByTestId("annotation-panel")).toBeInViewport();
  if (shots) await page.screenshot({ path: `${shots}/article-sheet.png` });
});

test("highlighting by touch: tap and hold selects a word, and the toolbar's Highlight makes it a highlight", async ({
  page,
}) => {
  const { workspaceId, articleId } = await workspaceWithArticle(page);
  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  const editable = page.locator("[data-testid=article-body] .ProseMirror[contenteditable=true]");
  await editable.waitFor();

  // Tap and hold on a word, as a finger would.
  const word = "Tajikistan";
  const box = await page.evaluate((word) => {
    const root = document.querySelector("[data-testid=article-body] .ProseMirror")!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(word);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at + 2);
      range.setEnd(n, at + 3);
      range.startContainer.parentElement!.scrollIntoView({ block: "center" });
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return null;
  }, word);
  expect(box).not.toBeNull();
  const cdp = await page.context().newCDPSession(page);
  const point = [{ x: box!.x, y: box!.y }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: point });
  await page.waitForTimeout(1200);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  // A phone's long press selects the word under the finger (Android and iOS do it, not the page);
  // headless Chromium on Linux does not, so the spec does what the platform would: the word at that point.
  await page.evaluate(({ x, y }) => {
    const caret = document.caretRangeFromPoint(x, y);
    const selection = window.getSelection();
    if (!caret || !selection) return;
    if (selection.toString()) return;
    document.querySelector<HTMLElement>("[data-testid=article-body] .ProseMirror")?.focus({ preventScroll: true });
    selection.removeAllRanges();
    selection.addRange(caret);
    selection.modify("move", "backward", "word");
    selection.modify("extend", "forward", "word");
  }, box!);
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString().trim() ?? "")).toBe(word);

  const toolbar = page.getByRole("toolbar", { name: "Annotate selection" });
  await expect(toolbar).toBeInViewport();
  if (shots) await page.screenshot({ path: `${shots}/touch-toolbar.png` });
  await toolbar.getByRole("button", { name: /Highlight/ }).tap();
  const mark = page.locator("mark.annotation-highlight");
  await expect(mark).toHaveText(word);
  const id = await mark.getAttribute("data-annotation-id");
  await expect.poll(async () => (await mark.getAttribute("data-annotation-id"))?.startsWith("tmp-")).toBe(false);
  await expect(highlightsOf(page, (await mark.getAttribute("data-annotation-id"))!)).toHaveText(word);
  expect(id).toBeTruthy();
});
