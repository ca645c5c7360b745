import { expect, test, type Page } from "@playwright/test";
import { annotateViaApi } from "../factories/annotations";
import { analystAndReviewer, annotationRows, comments, openLiveArticle, threadPane } from "../factories/discussion";
import { LITERAL_PAYLOADS, XSS_PAYLOADS } from "../fixtures/xss-payloads";

const PASSAGE = "government in exile";
/** What a comment body may contain: the comment schema's elements, nothing else. */
const ALLOWED_TAGS = new Set(["P", "STRONG", "EM", "CODE", "A", "UL", "LI", "BR", "SPAN"]);

/** Fails the test on any dialog, and on any request that leaves the app's own origin. */
function tripwires(page: Page, origin: string, failures: string[]) {
  page.on("dialog", (dialog) => {
    failures.push(`dialog (${dialog.type()}): ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("request", (request) => {
    if (new URL(request.url()).origin !== origin) failures.push(`request to ${request.url()}`);
  });
  page.on("popup", (popup) => failures.push(`popup: ${popup.url()}`));
}

/** Pastes `html` into the focused editor as a real clipboard paste would deliver it. */
async function pasteHtml(page: Page, html: string) {
  await page.evaluate((html) => {
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", html);
    document.activeElement!.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, html);
}

/** Sends what is in the editor; the comment shows, or the server's refusal is said (never a crash). */
async function send(page: Page, expected: number) {
  await page.keyboard.press("Control+Enter");
  const refused = threadPane(page).getByRole("alert").filter({ hasText: /./ });
  await expect(
    comments(page)
      .nth(expected - 1)
      .or(refused),
  ).toBeVisible();
  if (await refused.isVisible()) {
    const message = await refused.innerText();
    expect(message, "a refusal explains itself").not.toMatch(/Something went wrong/);
    return false;
  }
  return true;
}

/** Everything inside comment bodies is comment-schema markup with safe attributes. */
async function expectInert(page: Page) {
  const found = await threadPane(page).evaluate(
    (pane, allowed) => {
      const problems: string[] = [];
      for (const element of pane.querySelectorAll(".comment-body *")) {
        if (!allowed.includes(element.tagName)) problems.push(`element <${element.tagName.toLowerCase()}>`);
        for (const name of element.getAttributeNames()) {
          if (/^on/i.test(name) || name === "style" || name === "src" || name === "srcdoc")
            problems.push(`attribute ${name}`);
        }
        if (element.tagName === "A") {
          const href = element.getAttribute("href") ?? "";
          if (!/^(https?:|mailto:)/i.test(href)) problems.push(`link to ${href}`);
          if (element.getAttribute("rel") !== "noopener noreferrer nofollow")
            problems.push(`link rel ${element.getAttribute("rel")}`);
        }
        if (element.tagName === "SPAN" && !element.classList.contains("mention"))
          problems.push("span other than a mention");
      }
      return problems;
    },
    [...ALLOWED_TAGS],
  );
  expect(found).toEqual([]);
}

test("XSS corpus typed and pasted into comments: nothing runs, nothing loads from elsewhere, all shows as text", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
  const origin = new URL(baseURL!).origin;
  const failures: string[] = [];
  const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
  tripwires(a.page, origin, failures);
  tripwires(b.page, origin, failures);
  const annotationId = await annotateViaApi(a.page, workspaceId, articleId, PASSAGE);
  await openLiveArticle(a.page, workspaceId, articleId);
  await openLiveArticle(b.page, workspaceId, articleId);
  await annotationRows(a.page).filter({ hasText: PASSAGE }).click();
  await annotationRows(b.page).filter({ hasText: PASSAGE }).click();
  const field = threadPane(a.page).getByRole("textbox", { name: /^(Comment|Reply)$/ });

  let shown = 0;
  const typed = new Map<string, string>();
  for (const [index, payload] of XSS_PAYLOADS.entries()) {
    await field.click();
    await a.page.keyboard.type(`T${index}: ${payload}`);
    if (await send(a.page, shown + 1)) {
      shown++;
      typed.set(payload, `T${index}: ${payload}`);
    }
    await field.click();
    await a.page.keyboard.type(`P${index}: `);
    await pasteHtml(a.page, payload);
    if (await send(a.page, shown + 1)) shown++;
  }
  expect(shown).toBeGreaterThanOrEqual(XSS_PAYLOADS.length * 2 - 2);

  // B watched them arrive live; A reloads and renders them again from what was stored.
  await expect(comments(b.page)).toHaveCount(shown);
  await a.page.goto(`/w/${workspaceId}/articles/${articleId}?annotation=${annotationId}`);
  await expect(comments(a.page)).toHaveCount(shown);
  for (const page of [a.page, b.page]) {
    await expectInert(page);
    for (const payload of LITERAL_PAYLOADS) {
      const text = typed.get(payload)!;
      const bodies = await comments(page).locator(".comment-body").allInnerTexts();
      expect(bodies, `“${payload}” shows literally`).toContain(text);
    }
  }
  await a.page.waitForTimeout(1000);
  expect(failures).toEqual([]);
  await close();
});
