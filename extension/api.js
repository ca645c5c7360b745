// Calls to the Marginalia server with the analyst's API token.

/** The server's origin from what the analyst typed: http(s) only, no path. */
export function serverOrigin(input) {
  const url = new URL(String(input).trim());
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("Use an http:// or https:// address.");
  return url.origin;
}

async function call(settings, path, init = {}, fetchImpl = fetch) {
  let res;
  const request = () =>
    fetchImpl(`${settings.server}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${settings.token}`,
        ...(init.body ? { "content-type": "application/json" } : {}),
        ...init.headers,
      },
    });
  try {
    res = await request();
  } catch {
    // Once more, for a dropped connection: a creating call carries an
    // Idempotency-Key, so a first attempt that did arrive is not repeated.
    try {
      res = await request();
    } catch {
      throw Object.assign(new Error(`Could not reach ${settings.server}.`), { status: 0 });
    }
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const message = body?.error?.message ?? `The server answered ${res.status}.`;
    throw Object.assign(new Error(message), { status: res.status, details: body?.error?.details ?? {} });
  }
  return body;
}

/** The workspaces the token may use (a token belongs to one). */
export async function listWorkspaces(settings, fetchImpl) {
  const body = await call(settings, "/api/workspaces", {}, fetchImpl);
  return body.data.map((workspace) => ({ id: workspace.id, name: workspace.name }));
}

/**
 * Sends a collected page to be captured into the workspace. A page captured
 * before is captured again as a separate article. Returns the article's id,
 * title, whether the selection became a highlight, and its address in the app.
 */
export async function sendPage(settings, workspaceId, page, fetchImpl) {
  const body = await call(
    settings,
    `/api/workspaces/${encodeURIComponent(workspaceId)}/articles/clip`,
    {
      method: "POST",
      // One key per send: a retry or a double click captures the page once.
      headers: { "idempotency-key": crypto.randomUUID() },
      body: JSON.stringify({
        url: page.url,
        html: page.html,
        title: page.title || undefined,
        selection: page.selection ?? undefined,
        mode: "new",
      }),
    },
    fetchImpl,
  );
  return {
    id: body.data.id,
    title: body.data.title,
    highlighted: Boolean(body.data.highlightId),
    openUrl: `${settings.server}/w/${workspaceId}/articles/${body.data.id}`,
  };
}
