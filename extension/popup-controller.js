// The popup: connect once (server and API token, stored in extension
// storage), then choose the workspace and send the current tab.
import { listWorkspaces, sendPage, serverOrigin } from "./api.js";
import { collectPage } from "./capture-page.js";

/**
 * Wires the popup's forms. `chrome` is the extension API (storage, tabs,
 * scripting, permissions), passed in so tests can drive it.
 */
export async function startPopup({ document, chrome, fetch }) {
  const $ = (id) => document.getElementById(id);
  const status = (text) => {
    $("status").textContent = text;
  };
  const show = (form) => {
    $("setup").hidden = form !== "setup";
    $("send").hidden = form !== "send";
  };

  async function showWorkspaces(settings) {
    const workspaces = await listWorkspaces(settings, fetch);
    const select = $("workspace");
    select.replaceChildren(
      ...workspaces.map((workspace) => {
        const option = document.createElement("option");
        option.value = workspace.id;
        option.textContent = workspace.name;
        return option;
      }),
    );
    if (settings.workspaceId && workspaces.some((w) => w.id === settings.workspaceId)) {
      select.value = settings.workspaceId;
    }
    show("send");
  }

  const offerOpen = (article) => {
    $("open").href = article.openUrl;
    $("open").hidden = false;
  };

  const stored = await chrome.storage.local.get(["server", "token", "workspaceId", "lastCapture"]);
  if (stored.server && stored.token) {
    try {
      await showWorkspaces(stored);
      // What the context menu sent last (its badge led here): offer to open it.
      if (stored.lastCapture?.openUrl?.startsWith(`${stored.server}/`)) {
        status(`Last sent: “${stored.lastCapture.title}”.`);
        offerOpen(stored.lastCapture);
      }
      await chrome.action?.setBadgeText({ text: "" });
    } catch (err) {
      show("setup");
      status(err.message);
    }
  } else {
    show("setup");
  }

  $("setup").addEventListener("submit", async (event) => {
    event.preventDefault();
    status("");
    let server;
    try {
      server = serverOrigin($("server").value);
    } catch (err) {
      status(err.message);
      return;
    }
    const token = $("token").value.trim();
    // Reaching the server from the extension needs its permission, asked for once.
    const granted = await chrome.permissions.request({ origins: [`${server}/*`] });
    if (!granted) {
      status(`Allow the extension to reach ${server} to connect.`);
      return;
    }
    try {
      await showWorkspaces({ server, token });
      await chrome.storage.local.set({ server, token });
      status("Connected.");
    } catch (err) {
      status(err.status === 401 ? "That token is not valid (or was revoked)." : err.message);
    }
  });

  $("disconnect").addEventListener("click", async () => {
    await chrome.storage.local.remove(["token", "workspaceId"]);
    show("setup");
  });

  $("send").addEventListener("submit", async (event) => {
    event.preventDefault();
    const settings = await chrome.storage.local.get(["server", "token"]);
    const workspaceId = $("workspace").value;
    await chrome.storage.local.set({ workspaceId });
    $("send-button").disabled = true;
    $("open").hidden = true;
    status("Sending…");
    try {
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      const [{ result: page }] = await chrome.scripting.executeScript({
        target: { tabId: tab.id },
        func: collectPage,
      });
      const article = await sendPage(settings, workspaceId, page, fetch);
      status(article.highlighted ? `Captured “${article.title}” with your highlight.` : `Captured “${article.title}”.`);
      offerOpen(article);
      await chrome.storage.local.set({ lastCapture: { ...article, capturedAt: new Date().toISOString() } });
    } catch (err) {
      status(err.message);
    } finally {
      $("send-button").disabled = false;
    }
  });
}
