import { expect, test } from "@playwright/test";
import { annotateViaApi, highlightsOf } from "../factories/annotations";
import { analystAndReviewer } from "../factories/discussion";

const QUOTES = ["Ahmad Massoud", "Amrullah Saleh", "Taliban", "Panjshir"];

test("a reviewer works the queue by keyboard: accepts three, rejects one with a reason, undoes one; the author is told and the reader shows it", async ({
  browser,
}) => {
  const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
  try {
    const ids: string[] = [];
    for (const quote of QUOTES) ids.push(await annotateViaApi(a.page, workspaceId, articleId, quote));

    // An analyst has no queue and cannot decide.
    const refused = await a.page.request.post(`/api/workspaces/${workspaceId}/annotations/${ids[0]}/review`, {
      data: { version: 1, decision: "ACCEPTED" },
    });
    expect(refused.status()).toBe(403);
    await a.page.goto(`/w/${workspaceId}`);
    await expect(a.page.getByRole("link", { name: "Review" })).toHaveCount(0);

    const page = b.page;
    await page.goto(`/w/${workspaceId}/review`);
    const card = page.getByRole("region", { name: "Annotation under review" });
    const queue = page.getByRole("list", { name: "Queue" });
    await expect(queue.getByRole("listitem")).toHaveCount(4);
    await expect(card.locator("mark")).toHaveText(QUOTES[0]);

    // a, a, a: three accepted, each moving on to the next.
    for (let i = 0; i < 3; i++) {
      await expect(card.locator("mark")).toHaveText(QUOTES[i]);
      await page.keyboard.press("a");
      await expect(page.getByRole("status").filter({ hasText: `Accepted “${QUOTES[i]}”` })).toBeVisible();
    }
    // r: a reason, sent with Ctrl+Enter.
    await expect(card.locator("mark")).toHaveText(QUOTES[3]);
    await page.keyboard.press("r");
    const reason = page.getByRole("dialog", { name: "Reject this annotation" }).getByRole("textbox");
    await expect(reason).toBeFocused();
    await page.keyboard.type("A valley, not an organisation.");
    await page.keyboard.press("Control+Enter");
    await expect(page.getByRole("status").filter({ hasText: `Rejected “${QUOTES[3]}”` })).toBeVisible();
    // Undo the last decision (the toast's Undo, reached by keyboard).
    await page.getByRole("button", { name: "Undo" }).focus();
    await page.keyboard.press("Enter");
    await expect(queue.getByRole("listitem").nth(3)).toContainText("Proposed");
    await expect(queue.getByRole("listitem").nth(0)).toContainText("Accepted");

    // The server agrees (the undo shows at once; its request may still be on its way).
    const statuses = () =>
      Promise.all(
        ids.map(async (id) => {
          const res = await page.request.get(
            `/api/workspaces/${workspaceId}/articles/${articleId}/annotations?ids=${id}`,
          );
          return (await res.json()).data[0].status;
        }),
      );
    await expect.poll(statuses).toEqual(["ACCEPTED", "ACCEPTED", "ACCEPTED", "PROPOSED"]);
    // The rejection's reason stays in the thread.
    const thread = await (
      await page.request.get(`/api/workspaces/${workspaceId}/annotations/${ids[3]}/comments`)
    ).json();
    expect(thread.data.comments[0].body.content[0].content[0].text).toBe("Rejected: A valley, not an organisation.");

    // The author's inbox has the decisions; the reader styles highlights by status.
    await a.page.goto(`/w/${workspaceId}/articles/${articleId}`);
    await expect(highlightsOf(a.page, ids[0]).first()).toHaveAttribute("data-status", "ACCEPTED");
    await expect(highlightsOf(a.page, ids[3]).first()).toHaveAttribute("data-status", "PROPOSED");
    const inbox = await (await a.page.request.get(`/api/workspaces/${workspaceId}/notifications`)).json();
    expect(inbox.data.filter((n: { kind: string }) => n.kind === "REVIEW")).toHaveLength(4);
  } finally {
    await close();
  }
});

test("a queue longer than a page is read on as the reviewer moves through it", async ({ browser }) => {
  const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
  try {
    // 230 one-word highlights by the analyst, in two batches.
    const article = (await (await a.page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}`)).json())
      .data;
    const text: string = article.currentRevision.text;
    const words = [...text.matchAll(/\p{L}{4,}/gu)].slice(0, 230);
    expect(words).toHaveLength(230);
    for (const part of [words.slice(0, 115), words.slice(115)]) {
      const res = await a.page.request.post(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations/batch`, {
        data: {
          items: part.map((m) => ({
            revisionId: article.currentRevision.id,
            start: m.index,
            end: m.index + m[0].length,
            exact: m[0],
          })),
        },
      });
      expect(res.status(), await res.text()).toBe(201);
    }

    const page = b.page;
    await page.goto(`/w/${workspaceId}/review`);
    const queue = page.getByRole("list", { name: "Queue" });
    await expect(page.getByText("230 annotations")).toBeVisible();
    await expect(queue.getByRole("button", { name: "Load more (30 not shown)" })).toBeVisible();
    // Moving near the end of the first 200 fetches the rest.
    await queue.getByRole("button").nth(196).click();
    await page.keyboard.press("j");
    await expect(queue.getByRole("listitem")).toHaveCount(230);
    await expect(queue.getByRole("button", { name: /Load more/ })).toHaveCount(0);
    await expect(page.getByText("198 of 230")).toBeVisible();
  } finally {
    await close();
  }
});
