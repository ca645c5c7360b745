// Readiness after SIGTERM (scripts/server.mjs marks the process stopping): 503 naming the shutdown,
// so a load balancer sends requests elsewhere while the instance drains. Liveness stays 200. Open
// event streams stay open until the instance stops accepting connections, then are told to reconnect.
import { afterAll, describe, expect, it } from "vitest";
import { markStopping, startDraining } from "@/lib/observability/lifecycle.mjs";
import { liveHub } from "@/lib/server/live/live-hub";
import { callRoute } from "@/test/call-route";
import { makeArticle, makeUser, makeWorkspace, sessionCookie } from "@/test/factories";

afterAll(async () => {
  // Whatever runs next in this worker sees a serving process again.
  const state = (globalThis as unknown as Record<symbol, { stopping: boolean; draining: boolean }>)[
    Symbol.for("marginalia.lifecycle")
  ];
  state.stopping = false;
  state.draining = false;
  delete (globalThis as unknown as { marginaliaOpenStreams?: unknown }).marginaliaOpenStreams;
  await liveHub().close();
});

describe("a stopping instance", () => {
  it("answers readiness 503 with the shutdown check failed, and liveness 200", async () => {
    expect((await callRoute({ file: "api/health/ready/route.ts", method: "GET" })).status).toBe(200);
    markStopping();
    const res = await callRoute({ file: "api/health/ready/route.ts", method: "GET" });
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.status).toBe("not ready");
    expect(body.checks.shutdown).toEqual({ ok: false, message: "This instance is shutting down." });
    expect(body.checks.database).toEqual({ ok: true });
    expect((await callRoute({ file: "api/health/route.ts", method: "GET" })).status).toBe(200);
  });

  it("keeps its event streams while it still serves, and tells them to reconnect once it drains", async () => {
    const owner = await makeUser();
    const workspaceId = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const articleId = await makeArticle(workspaceId, owner.id);
    // Opened before the stop (the stopping process of the test above is this one: undo it for the open).
    const state = (globalThis as unknown as Record<symbol, { stopping: boolean }>)[Symbol.for("marginalia.lifecycle")];
    state.stopping = false;
    const res = await callRoute({
      file: "api/workspaces/[workspaceId]/events/route.ts",
      method: "GET",
      params: { workspaceId },
      cookie: await sessionCookie(owner),
      search: `?articleId=${articleId}`,
    });
    expect(res.status).toBe(200);
    let received = "";
    let ended = false;
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value, { stream: true });
      }
      ended = true;
    })();
    await expect.poll(() => received).toContain("event: hello");

    markStopping();
    await new Promise((r) => setTimeout(r, 200));
    expect(ended).toBe(false);
    expect(received).not.toContain("retry:");

    startDraining();
    await expect.poll(() => ended).toBe(true);
    expect(received).toContain("retry: 1000");
  });
});
