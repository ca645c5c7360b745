import { expect, test, type Route } from "@playwright/test";
import { annotateViaApi, highlightsOf } from "../factories/annotations";
import { analystAndReviewer, annotationRows, liveStatus, openLiveArticle } from "../factories/discussion";

/** How B's fetch of a live change fails. */
const failures: Record<string, (route: Route) => Promise<void>> = {
  "500": (route) => route.fulfill({ status: 500, json: { error: { code: "INTERNAL", message: "Server error." } } }),
  "404": (route) => route.fulfill({ status: 404, json: { error: { code: "NOT_FOUND", message: "Not found." } } }),
  "401": (route) => route.fulfill({ status: 401, json: { error: { code: "UNAUTHENTICATED", message: "Sign in." } } }),
  network: (route) => route.abort("internetdisconnected"),
};

for (const [mode, fail] of Object.entries(failures)) {
  test(`a live change whose fetch fails (${mode}) is retried, then flagged out of sync and resynced when the stream reconnects`, async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
    // Keep hold of B's event streams, to cut them as a dropped network would (the stream then reconnects).
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
    const followUps = "**/api/workspaces/*/articles/*/annotations?ids=*";
    let failuresLeft = 2;
    await b.page.route(followUps, (route) => (failuresLeft-- > 0 ? fail(route) : route.continue()));
    await openLiveArticle(b.page, workspaceId, articleId);

    // Two failed fetches, then one that works: the highlight arrives, and the view stays live.
    const first = await annotateViaApi(a.page, workspaceId, articleId, "Ahmad Massoud");
    await expect(highlightsOf(b.page, first)).toHaveText("Ahmad Massoud", { timeout: 15_000 });
    expect(failuresLeft).toBeLessThan(0);
    await expect(liveStatus(b.page)).toHaveText("Live");

    // Every fetch fails: after the retries, B is told its view is out of sync, with an amber dot.
    await b.page.unroute(followUps);
    await b.page.route(followUps, fail);
    const second = await annotateViaApi(a.page, workspaceId, articleId, "Amrullah Saleh");
    await expect(liveStatus(b.page)).toHaveText("Out of sync", { timeout: 20_000 });
    await expect(liveStatus(b.page).locator(".live-dot")).toHaveCSS("background-color", "rgb(217, 119, 6)");
    await expect(b.page.getByTestId("annotation-panel").getByRole("button", { name: "Reload" })).toBeVisible();
    await expect(highlightsOf(b.page, second)).toHaveCount(0);

    // The stream reconnects: everything since the last applied event is fetched again.
    await b.page.unroute(followUps);
    await b.page.evaluate(() => (window as unknown as { cutLiveStreams(): void }).cutLiveStreams());
    await expect(highlightsOf(b.page, second)).toHaveText("Amrullah Saleh");
    await expect(liveStatus(b.page)).toHaveText("Live");
    await expect(annotationRows(b.page)).toHaveCount(2);
    await expect(b.page.getByTestId("annotation-panel").getByRole("button", { name: "Reload" })).toHaveCount(0);
    await close();
  });
}
