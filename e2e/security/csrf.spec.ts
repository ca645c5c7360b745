import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signedInUser } from "../factories/users";
import { createWorkspace } from "../factories/workspaces";

/** Serves one HTML page on another port of localhost: same site as the app, another origin. */
async function serveAttackerPage(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test("a page on another port of localhost cannot write with the signed-in user's cookie", async ({ page, baseURL }) => {
  await signedInUser(page, "victim");
  const workspaceId = await createWorkspace(page, "Victim desk");
  const formName = `Forged by form ${Date.now()}`;
  const fetchName = `Forged by fetch ${Date.now()}`;
  // A text/plain form posts `name=value`, here `{"name":"…","x":"="}`: JSON without a preflight.
  const attacker = await serveAttackerPage(`<!doctype html>
    <form id="forge" method="POST" action="${baseURL}/api/workspaces" enctype="text/plain">
      <input name='{"name":"${formName}","x":"' value='"}'>
    </form>
    <script>
      fetch("${baseURL}/api/workspaces", {
        method: "POST", mode: "no-cors", credentials: "include",
        headers: { "content-type": "text/plain" }, body: JSON.stringify({ name: "${fetchName}" }),
      }).finally(() => document.getElementById("forge").submit());
    </script>`);
  try {
    const forged = page.waitForResponse(
      (r) =>
        r.url() === `${baseURL}/api/workspaces` && r.request().method() === "POST" && r.frame() === page.mainFrame(),
    );
    await page.goto(attacker.url);
    const response = await forged;
    // The browser navigated to the answer and then away from it: its status is what remains to read.
    expect(response.status()).toBe(403);
  } finally {
    await attacker.close();
  }

  const mine = (await (await page.request.get("/api/workspaces")).json()).data as { id: string; name: string }[];
  expect(mine.map((w) => w.id)).toEqual([workspaceId]);
  expect(mine.map((w) => w.name)).not.toContain(formName);
  expect(mine.map((w) => w.name)).not.toContain(fetchName);
});
