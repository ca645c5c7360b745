"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/format";
import { formatRelativeTime } from "./format-relative-time";

// One shared minute clock for every relative time on the page.
const listeners = new Set<() => void>();
let minute = Math.floor(Date.now() / 60_000);
let timer: ReturnType<typeof setInterval> | undefined;
function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    minute = Math.floor(Date.now() / 60_000);
    for (const l of listeners) l();
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

type RelativeTimeProps = { date: string; prefix?: string };

/** "5 minutes ago" in a `<time>`, the exact date and time in its tooltip; kept current. */
export function RelativeTime({ date, prefix = "" }: RelativeTimeProps) {
  const tick = useSyncExternalStore(
    subscribe,
    () => minute,
    () => 0,
  );
  const label = tick === 0 ? formatDateTime(date) : formatRelativeTime(date);
  return (
    <time dateTime={date} title={`${prefix}${formatDateTime(date)}`}>
      {label}
    </time>
  );
}
