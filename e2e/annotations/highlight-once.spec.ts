import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { selectText } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

type Row = { id: string; start: number; end: number; exact: string; author: { id: string } };

async function openSeed(page: Page, name: string) {
  const user = await signedInUser(page, "analyst");
  const workspaceId = await createWorkspace(page, name);
  const articleId = await importFile(page, workspaceId, {
    name: "seed.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  await page.goto(`/w/${workspaceId}/articles/${articleId}`);
  await page.locator("[data-testid=article-body] .ProseMirror[contenteditable=true]").waitFor();
  const list = async (): Promise<Row[]> =>
    (await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`)).json()).data;
  return { user, list };
}

/** Drags the mouse over the first copy of `quote` in the reader, from its first character to its last. */
async function dragOver(page: Page, quote: string, options: { alt?: boolean } = {}) {
  const box = await page.evaluate((quote) => {
    const root = document.querySelector("[data-testid=article-body] .ProseMirror")!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(quote);
      if (at < 0) continue;
      (n as Text).parentElement!.scrollIntoView({ block: "center" });
      const rectOf = (offset: number) => {
        const range = document.createRange();
        range.setStart(n!, offset);
        range.setEnd(n!, offset + 1);
        return range.getBoundingClientRect();
      };
      const first = rectOf(at);
      const last = rectOf(at + quote.length - 1);
      return {
        x1: first.left + 1,
        y1: first.top + first.height / 2,
        x2: last.right - 1,
        y2: last.top + last.height / 2,
      };
    }
    return null;
  }, quote);
  expect(box, `“${quote}” is in the article`).not.toBeNull();
  if (options.alt) await page.keyboard.down("Alt");
  await page.mouse.move(box!.x1, box!.y1);
  await page.mouse.down();
  await page.mouse.move((box!.x1 + box!.x2) / 2, box!.y2, { steps: 4 });
  await page.mouse.move(box!.x2, box!.y2, { steps: 4 });
  await page.mouse.up();
  if (options.alt) await page.keyboard.up("Alt");
}

test("double-clicking Highlight or pressing h twice creates one annotation, sent with an Idempotency-Key", async ({
  page,
}) => {
  const { list } = await openSeed(page, "Once desk");
  const posted = page.waitForRequest(
    (req) => req.method() === "POST" && /\/annotations$/.test(new URL(req.url()).pathname),
  );
  await selectText(page, "Ahmad Massoud");
  await page
    .getByRole("toolbar", { name: "Annotate selection" })
    .getByRole("button", { name: /Highlight/ })
    .dblclick();
  expect((await posted).headers()["idempotency-key"]).toMatch(/^[\w-]{16,}$/);
  await expect(page.locator("mark.annotation-highlight", { hasText: "Ahmad Massoud" }).first()).toBeVisible();

  await selectText(page, "Amrullah Saleh");
  await page.keyboard.press("h");
  await page.keyboard.press("h");
  await expect(page.locator("mark.annotation-highlight", { hasText: "Amrullah Saleh" }).first()).toBeVisible();

  // Everything the clicks and keys sent has been answered once the list shows both.
  await expect.poll(async () => (await list()).map((a) => a.exact).sort()).toEqual(["Ahmad Massoud", "Amrullah Saleh"]);
  // And nothing arrives later.
  await page.waitForLoadState("networkidle");
  expect(await list()).toHaveLength(2);
});

test("a selection that starts inside a word snaps to the whole word; with Alt it keeps the exact characters", async ({
  page,
}) => {
  const { list } = await openSeed(page, "Snap desk");
  await dragOver(page, "broad said");
  await expect(page.getByRole("toolbar", { name: "Annotate selection" })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe("abroad said");
  await page.keyboard.press("h");
  await expect.poll(async () => (await list()).map((a) => a.exact)).toEqual(["abroad said"]);

  await dragOver(page, "ssoud, son", { alt: true });
  await expect(page.getByRole("toolbar", { name: "Annotate selection" })).toBeVisible();
  await page.keyboard.press("h");
  await expect.poll(async () => (await list()).map((a) => a.exact).sort()).toEqual(["abroad said", "ssoud, son"]);
});
