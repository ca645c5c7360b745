// The context-menu item "Send to Marginalia" on a selection: captures the
// page with the selection highlighted into the workspace last chosen in the
// popup, then offers to open it (a notification-free tab, so nothing else is needed).
import { sendPage } from "./api.js";
import { collectPage } from "./capture-page.js";

const api = globalThis.chrome ?? globalThis.browser;
const MENU_ID = "send-to-marginalia";

api.runtime.onInstalled.addListener(() => {
  api.contextMenus.create({ id: MENU_ID, title: "Send to Marginalia", contexts: ["selection", "page"] });
});

api.contextMenus.onClicked.addListener(async (info, tab) => {
  if (info.menuItemId !== MENU_ID || !tab?.id) return;
  const settings = await api.storage.local.get(["server", "token", "workspaceId"]);
  if (!settings.server || !settings.token || !settings.workspaceId) {
    await api.action.setBadgeText({ text: "!" });
    await api.action.setTitle({ title: "Open Send to Marginalia to connect it first." });
    return;
  }
  try {
    const [{ result: page }] = await api.scripting.executeScript({ target: { tabId: tab.id }, func: collectPage });
    const article = await sendPage(settings, settings.workspaceId, page, fetch);
    await api.action.setBadgeText({ text: "✓" });
    await api.storage.local.set({ lastCapture: article });
    await api.tabs.create({ url: article.openUrl, index: tab.index + 1 });
  } catch (err) {
    await api.action.setBadgeText({ text: "!" });
    await api.action.setTitle({ title: `Not captured: ${err.message}` });
  }
});
