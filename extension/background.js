// The extension's service worker (an event page in Firefox): the context menu.
import { startBackground } from "./background-controller.js";

// Kept on the worker's global so its DevTools console (and the Chromium test) can call the handlers.
globalThis.marginalia = startBackground({
  chrome: globalThis.chrome ?? globalThis.browser,
  fetch: globalThis.fetch.bind(globalThis),
});
