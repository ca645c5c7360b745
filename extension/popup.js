import { startPopup } from "./popup-controller.js";

startPopup({ document, chrome: globalThis.chrome ?? globalThis.browser, fetch: globalThis.fetch.bind(globalThis) });
