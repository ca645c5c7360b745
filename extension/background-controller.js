// The context-menu item "Send to Marginalia": captures the page (with the
// selection highlighted) into the workspace last chosen in the popup, then
// offers "Open in Marginalia" without taking the analyst away from the page:
// a notification (its button in Chromium, a click on it in Firefox, which
// has no notification buttons), the toolbar badge, and the popup, which
// shows the last capture with its link.
import { sendPage } from "./api.js";
import { collectPage } from "./capture-page.js";

export const MENU_ID = "send-to-marginalia";
/** Notifications of a capture are named by this and the article's address in the app. */
const OPEN_PREFIX = "marginalia-open:";
const NOTICE_ID = "marginalia-notice";

/**
 * Registers the background's listeners on `chrome` (the extension API,
 * passed in so tests can drive it) and returns its two handlers.
 */
export function startBackground({ chrome: api, fetch }) {
  async function notify(id, title, message, withButton) {
    if (!api.notifications) return;
    const options = { type: "basic", iconUrl: "icon-128.png", title, message };
    await api.notifications.clear(id).catch(() => {});
    try {
      await api.notifications.create(
        id,
        withButton ? { ...options, buttons: [{ title: "Open in Marginalia" }] } : options,
      );
    } catch {
      // Firefox refuses `buttons`: there, clicking the notification opens the article.
      await api.notifications.create(id, options).catch(() => {});
    }
  }

  async function failed(message) {
    await api.action.setBadgeText({ text: "!" });
    await api.action.setBadgeBackgroundColor?.({ color: "#b91c1c" });
    await api.action.setTitle({ title: message });
    await notify(NOTICE_ID, "Not sent to Marginalia", message, false);
  }

  /** The context menu's click: capture the tab's page, then offer to open it. */
  async function sendFromMenu(info, tab) {
    if (info.menuItemId !== MENU_ID || !tab?.id) return;
    const settings = await api.storage.local.get(["server", "token", "workspaceId"]);
    if (!settings.server || !settings.token || !settings.workspaceId) {
      await failed("Open Send to Marginalia in the toolbar to connect it and choose a workspace first.");
      return;
    }
    await api.action.setBadgeText({ text: "…" });
    try {
      const [{ result: page }] = await api.scripting.executeScript({ target: { tabId: tab.id }, func: collectPage });
      const article = await sendPage(settings, settings.workspaceId, page, fetch);
      await api.storage.local.set({ lastCapture: { ...article, capturedAt: new Date().toISOString() } });
      await api.action.setBadgeText({ text: "✓" });
      await api.action.setBadgeBackgroundColor?.({ color: "#15803d" });
      await api.action.setTitle({ title: `Sent “${article.title}” — open this to open it in Marginalia` });
      await notify(
        `${OPEN_PREFIX}${article.openUrl}`,
        "Sent to Marginalia",
        article.highlighted ? `“${article.title}”, with your highlight.` : `“${article.title}”.`,
        true,
      );
      return article;
    } catch (err) {
      await failed(`Not captured: ${err.message}`);
    }
  }

  /** A click on a capture's notification or on its "Open in Marginalia" button. */
  async function openFromNotification(id) {
    if (!id.startsWith(OPEN_PREFIX)) return;
    const url = id.slice(OPEN_PREFIX.length);
    const { server } = await api.storage.local.get(["server"]);
    await api.notifications.clear(id).catch(() => {});
    if (!server || !url.startsWith(`${server}/`)) return;
    await api.tabs.create({ url });
    await api.action.setBadgeText({ text: "" });
  }

  api.runtime.onInstalled.addListener(() => {
    api.contextMenus.create({ id: MENU_ID, title: "Send to Marginalia", contexts: ["selection", "page"] });
  });
  api.contextMenus.onClicked.addListener(sendFromMenu);
  api.notifications?.onClicked.addListener(openFromNotification);
  api.notifications?.onButtonClicked?.addListener(openFromNotification);
  return { sendFromMenu, openFromNotification };
}
