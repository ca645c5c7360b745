"use client";

import { useCallback, useSyncExternalStore } from "react";

const KEY = "marginalia.showRejected";
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) !== "false";
  } catch {
    return true;
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/**
 * Whether rejected annotations are shown (struck through) in the reader and its
 * list, remembered in this browser for every article; shown unless turned off.
 */
export function useShowRejected(): [boolean, (show: boolean) => void] {
  const show = useSyncExternalStore(subscribe, read, () => true);
  const setShow = useCallback((next: boolean) => {
    try {
      window.localStorage.setItem(KEY, String(next));
    } catch {
      // Private mode without storage: the choice lasts until the page is left.
    }
    for (const listener of listeners) listener();
  }, []);
  return [show, setShow];
}
