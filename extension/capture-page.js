// What the extension reads from the page the analyst is on. `collectPage` is
// injected into the tab by chrome.scripting.executeScript, so it must be
// self-contained: it uses nothing from this module's scope.

/** Characters of context kept on each side of the selection. */
export const CONTEXT_CHARS = 64;

/**
 * The page as the analyst sees it: its URL, title, the DOM serialized (so
 * logged-in and paywalled pages work; the server sanitizes it like a fetched
 * page) and the selected text with the text around it.
 */
export function collectPage() {
  const context = 64;
  const selection = window.getSelection();
  let picked = null;
  if (selection && selection.rangeCount > 0 && !selection.isCollapsed) {
    const range = selection.getRangeAt(0);
    const exact = selection.toString();
    if (exact.trim()) {
      const before = document.createRange();
      before.setStart(document.body, 0);
      before.setEnd(range.startContainer, range.startOffset);
      const after = document.createRange();
      after.setStart(range.endContainer, range.endOffset);
      after.setEnd(document.body, document.body.childNodes.length);
      picked = {
        exact: exact.slice(0, 20000),
        prefix: before.toString().slice(-context),
        suffix: after.toString().slice(0, context),
      };
    }
  }
  return {
    url: location.href,
    title: document.title,
    html: "<!doctype html>\n" + document.documentElement.outerHTML,
    selection: picked,
  };
}
