import { expect, test, type Page } from "@playwright/test";
import { highlightsOf, selectText } from "../factories/annotations";
import {
  analystAndReviewer,
  annotationRows,
  comments,
  openLiveArticle,
  reply,
  threadPane,
} from "../factories/discussion";
import { startSecondInstance } from "../fixtures/second-instance";

const PASSAGE = "the resistance comprises three broad categories";

/**
 * The acceptance flow: A highlights and comments mentioning B; B sees
 * it live, is notified, follows the notification to the comment and replies;
 * A sees the reply; B resolves; A sees the thread collapse. Nobody reloads.
 */
async function discussLive(a: Page, b: Page, workspaceId: string, articleId: string, reviewerName: string) {
  await openLiveArticle(a, workspaceId, articleId);
  await openLiveArticle(b, workspaceId, articleId);

  // A: Comment from the selection toolbar, mentioning B through the @ list.
  await selectText(a, PASSAGE);
  await a
    .getByRole("toolbar", { name: "Annotate selection" })
    .getByRole("button", { name: /Comment/ })
    .click();
  const field = threadPane(a).getByRole("textbox", { name: "Comment" });
  await expect(field).toBeFocused();
  await a.keyboard.type("Which categories exactly? @" + reviewerName.slice(0, 4));
  const option = a.getByRole("listbox", { name: "Members to mention" }).getByRole("option", { name: reviewerName });
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(field).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
  await a.keyboard.press("Enter");
  await a.keyboard.type("please check the source.");
  await a.keyboard.press("Control+Enter");
  await expect(comments(a)).toHaveCount(1);
  await expect(comments(a).first()).toContainText(
    `Which categories exactly? @${reviewerName} please check the source.`,
  );
  const mark = a.locator("mark.annotation-highlight");
  await expect.poll(async () => mark.first().getAttribute("data-annotation-id")).not.toMatch(/^tmp-/);
  const annotationId = (await mark.first().getAttribute("data-annotation-id"))!;

  // B, without reloading: the highlight, its row with a comment count, and an unread notification.
  await expect(highlightsOf(b, annotationId)).toHaveText(PASSAGE);
  await expect(annotationRows(b).filter({ hasText: PASSAGE })).toHaveAccessibleName(/1 comment/);
  const bell = b.getByRole("button", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await bell.click();
  const entry = b.getByRole("dialog", { name: "Notifications" }).getByRole("link", { name: /mentioned you/ });
  await expect(entry).toContainText("Afghan Resistance Mulls Formation of Government in Exile");
  await entry.click();
  await expect(b).toHaveURL(new RegExp(`annotation=${annotationId}&comment=`));
  await expect(bell).toHaveAccessibleName("Notifications");
  await expect(annotationRows(b).filter({ hasText: PASSAGE })).toHaveAttribute("aria-selected", "true");
  const focused = threadPane(b).locator("[data-focused]");
  await expect(focused).toContainText("Which categories exactly?");
  await expect(focused).toBeInViewport();

  // B replies; A sees it without reloading.
  await reply(b, "Three: NRF supporters, former officers, former ministers.");
  await expect(comments(a)).toHaveCount(2);
  await expect(comments(a).nth(1)).toContainText("Three: NRF supporters");
  await expect(annotationRows(a).filter({ hasText: PASSAGE })).toHaveAccessibleName(/2 comments/);

  // B resolves; A's thread collapses to one line.
  await threadPane(b).getByRole("button", { name: "Resolve", exact: true }).click();
  const collapsed = threadPane(a).getByRole("button", { name: /Resolved by .* · 2 comments/ });
  await expect(collapsed).toBeVisible();
  await expect(comments(a)).toHaveCount(0);
  await expect(annotationRows(a).filter({ hasText: PASSAGE })).toHaveAccessibleName(/2 comments, resolved/);
  await collapsed.click();
  await expect(comments(a)).toHaveCount(2);
}

test("A comments with a mention; B sees it live, follows the notification, replies; B resolves and A sees it collapse", async ({
  browser,
}) => {
  const team = await analystAndReviewer(browser);
  await discussLive(team.a.page, team.b.page, team.workspaceId, team.articleId, team.b.user.name);
  await team.close();
});

test("the same flow with A and B on two app instances sharing the database", async ({ browser }) => {
  const second = await startSecondInstance(Number(process.env.E2E_PORT ?? 3100) + 50 + Math.floor(Math.random() * 40));
  test.skip(second === null, "No DATABASE_URL to share with a second instance (run through scripts/e2e.mjs).");
  try {
    const team = await analystAndReviewer(browser, { b: second!.baseURL });
    await discussLive(team.a.page, team.b.page, team.workspaceId, team.articleId, team.b.user.name);
    await team.close();
  } finally {
    await second!.stop();
  }
});
