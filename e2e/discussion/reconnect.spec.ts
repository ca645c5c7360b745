import { expect, test } from "@playwright/test";
import { annotateViaApi, highlightsOf } from "../factories/annotations";
import { analystAndReviewer, annotationRows, comments, liveStatus, openLiveArticle } from "../factories/discussion";

const FIRST = "Ahmad Massoud";
const SECOND = "Amrullah Saleh";

test("a cut stream loses nothing: B reconnects from its last event and shows A's three changes exactly once", async ({
  browser,
}) => {
  const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
  // Keep hold of B's event streams, to cut them as a dropped network would (the browser then reconnects).
  await b.page.addInitScript(() => {
    const Native = window.EventSource;
    const opened: EventSource[] = [];
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        opened.push(this);
      }
    };
    (window as unknown as { cutLiveStreams(): void }).cutLiveStreams = () => {
      for (const source of opened) {
        if (source.readyState === EventSource.CLOSED) continue;
        source.close();
        source.dispatchEvent(new Event("error"));
      }
    };
  });
  const eventRequests: string[] = [];
  b.page.on("request", (request) => {
    if (request.url().includes("/events")) eventRequests.push(request.url());
  });
  await openLiveArticle(b.page, workspaceId, articleId);
  await expect(annotationRows(b.page)).toHaveCount(0);

  // Cut: the stream drops, reconnecting fails, and so do B's other requests.
  await b.page.route("**/api/workspaces/*/events**", (route) => route.abort("internetdisconnected"));
  await b.context.setOffline(true);
  await b.page.evaluate(() => (window as unknown as { cutLiveStreams(): void }).cutLiveStreams());
  await expect(liveStatus(b.page)).toHaveText("Reconnecting…");

  // Three changes by A meanwhile: two highlights and a comment.
  const first = await annotateViaApi(a.page, workspaceId, articleId, FIRST);
  const second = await annotateViaApi(a.page, workspaceId, articleId, SECOND);
  const posted = await a.page.request.post(`/api/workspaces/${workspaceId}/annotations/${first}/comments`, {
    data: {
      body: {
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: "Written while B was away." }] }],
      },
    },
  });
  expect(posted.status(), await posted.text()).toBe(201);
  await b.page.waitForTimeout(1500);
  await expect(annotationRows(b.page)).toHaveCount(0);

  // Back: B resumes from the last event it had, and shows each change once.
  const requestsBefore = eventRequests.length;
  await b.page.unroute("**/api/workspaces/*/events**");
  await b.context.setOffline(false);
  await expect(liveStatus(b.page)).toHaveText("Live");
  expect(eventRequests.slice(requestsBefore).some((url) => /[?&]lastEventId=\d+/.test(url))).toBe(true);
  await expect(highlightsOf(b.page, first)).toHaveText(FIRST);
  await expect(highlightsOf(b.page, second)).toHaveText(SECOND);
  await expect(annotationRows(b.page)).toHaveCount(2);
  await expect(annotationRows(b.page).filter({ hasText: FIRST })).toHaveAccessibleName(/1 comment/);
  await annotationRows(b.page).filter({ hasText: FIRST }).click();
  await expect(comments(b.page)).toHaveCount(1);
  await expect(comments(b.page).first()).toContainText("Written while B was away.");
  // Nothing arrives twice, even after a while.
  await b.page.waitForTimeout(1500);
  await expect(annotationRows(b.page)).toHaveCount(2);
  await expect(comments(b.page)).toHaveCount(1);
  await close();
});
