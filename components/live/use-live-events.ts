"use client";

import { useContext, useEffect, useLayoutEffect, useRef } from "react";
import type { LiveEventType, LiveMessage } from "@/lib/live/live-event";
import { LiveContext } from "./live-provider";
import type { LiveStatus } from "./live-stream";

/**
 * Calls `handler` with every live event of the given types (latest handler:
 * no need to memoize it). Without a LiveProvider above, nothing happens.
 */
export function useLiveEvents<T extends LiveEventType>(
  types: readonly T[],
  handler: (message: LiveMessage<T>) => void,
): void {
  const live = useContext(LiveContext);
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  const key = types.join(",");
  useEffect(() => {
    if (!live) return;
    const wanted = new Set<string>(key.split(","));
    return live.subscribe((message) => {
      if (wanted.has(message.type)) latest.current(message as LiveMessage<T>);
    });
  }, [live, key]);
}

/** Calls `handler` when the stream had to skip events (reload what you show). */
export function useLiveReset(handler: () => void): void {
  const live = useContext(LiveContext);
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => live?.onReset(() => latest.current()), [live]);
}

/** The connection's state and id (null without a provider). */
export function useLiveConnection(): { status: LiveStatus; connectionId: string | null } | null {
  const live = useContext(LiveContext);
  return live ? { status: live.status, connectionId: live.connectionId } : null;
}

/**
 * Makes the page's stream carry this article's events while the caller is
 * mounted. `since`: the event log's position when the page's data was read,
 * so events between the page's render and the connection are replayed.
 */
export function useLiveArticle(articleId: string, since: string | null): void {
  const live = useContext(LiveContext);
  const showArticle = live?.showArticle;
  useLayoutEffect(() => {
    if (!showArticle) return;
    showArticle(articleId, since);
    return () => showArticle(null, null);
  }, [showArticle, articleId, since]);
}
