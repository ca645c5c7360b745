import "server-only";
import createDOMPurify, { type DOMPurify, type WindowLike } from "dompurify";
import { JSDOM } from "jsdom";

type ServerDom = { window: JSDOM["window"]; purify: DOMPurify };

let shared: ServerDom | undefined;

/**
 * One jsdom window for the process, and a DOMPurify bound to it.
 *
 * Nothing is installed on `globalThis` (Next.js and React treat a global
 * `window` as "running in the browser"). Sharing one window is safe: every
 * parse (`DOMParser`, DOMPurify) creates a fresh inert document in it, the
 * window never runs scripts or loads resources (jsdom's defaults), and all
 * work on it is synchronous, so requests cannot interleave. Creating a window
 * costs tens of milliseconds; reusing it makes a small import sub-millisecond.
 */
export function serverDom(): ServerDom {
  if (!shared) {
    const { window } = new JSDOM("<!doctype html><html><head></head><body></body></html>");
    shared = {
      window,
      purify: createDOMPurify(window as unknown as WindowLike),
    };
  }
  return shared;
}
