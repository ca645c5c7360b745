import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";

/**
 * Selects the `nth` occurrence of `quote` in the reader the way a user's drag
 * would: a DOM selection across however many text nodes the highlights split
 * it into. The quote must lie within one paragraph.
 */
export async function selectText(
  page: Page,
  quote: string,
  nth = 0,
  root = "[data-testid=article-body] .ProseMirror[contenteditable=true]",
): Promise<void> {
  // Wait for the live editor: until it mounts, the server-rendered copy of the text is shown.
  await page.locator(root).waitFor();
  const found = await page.evaluate(
    ({ quote, nth, root }) => {
      const container = document.querySelector<HTMLElement>(root);
      if (!container) return false;
      // As a user's drag would, focus the text first: the editor ignores selections outside focus.
      container.focus();
      for (const block of container.querySelectorAll("p, h1, h2, h3, h4, li, blockquote")) {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        let text = "";
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push(n as Text);
          text += (n as Text).data;
        }
        let index = -1;
        while ((index = text.indexOf(quote, index + 1)) >= 0) {
          if (nth-- > 0) continue;
          const locate = (offset: number, preferEnd: boolean) => {
            let seen = 0;
            for (const node of nodes) {
              const end = seen + node.data.length;
              if (offset < end || (preferEnd && offset === end)) return { node, offset: offset - seen };
              seen = end;
            }
            const last = nodes[nodes.length - 1];
            return { node: last, offset: last.data.length };
          };
          const a = locate(index, false);
          const b = locate(index + quote.length, true);
          const range = document.createRange();
          range.setStart(a.node, a.offset);
          range.setEnd(b.node, b.offset);
          const selection = window.getSelection()!;
          selection.removeAllRanges();
          selection.addRange(range);
          return true;
        }
      }
      return false;
    },
    { quote, nth, root },
  );
  expect(found, `“${quote}” (#${nth + 1}) is in the article`).toBe(true);
  // The editor reads DOM selections on the next selectionchange event.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** The highlight marks of one annotation, by id. */
export function highlightsOf(page: Page, id: string) {
  return page.locator(`mark.annotation-highlight[data-annotation-id="${id}"]`);
}

/** Creates an annotation through the API; returns its id. */
export async function annotateViaApi(
  page: Page,
  workspaceId: string,
  articleId: string,
  quote: string,
  nth = 0,
  entityId?: string,
): Promise<string> {
  const article = (await (await page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}`)).json()).data;
  const text: string = article.currentRevision.text;
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(quote, start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  const res = await page.request.post(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`, {
    data: { revisionId: article.currentRevision.id, start, end: start + quote.length, exact: quote, entityId },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data.id;
}
