"use client";

import { createContext, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { LiveMessage } from "@/lib/live/live-event";
import { LiveStream, type LiveStatus } from "./live-stream";

type Listener = (message: LiveMessage) => void;

export type LiveContextValue = {
  status: LiveStatus;
  /** This page's connection, for presence; null until the stream says hello. */
  connectionId: string | null;
  /** The article whose events the stream carries, if the page shows one. */
  articleId: string | null;
  subscribe(listener: Listener): () => void;
  /** Called when the server could not replay everything missed: reload what you show. */
  onReset(listener: () => void): () => void;
  /** An article page asks for its article's events (with `since`, the log position of its data). */
  showArticle(articleId: string | null, since: string | null): void;
};

export const LiveContext = createContext<LiveContextValue | null>(null);

type LiveProviderProps = { workspaceId: string; children: ReactNode };

/**
 * The page's one live connection to the workspace: on an article page it
 * carries that article's events (plus the workspace's and the user's own
 * notifications), elsewhere the whole workspace's. The header's bell and
 * the article view share it, so a page never holds two streams.
 */
export function LiveProvider({ workspaceId, children }: LiveProviderProps) {
  const listeners = useRef(new Set<Listener>());
  const resetListeners = useRef(new Set<() => void>());
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [article, setArticle] = useState<{ id: string; since: string | null } | null>(null);
  const articleId = article?.id ?? null;
  const since = useRef<string | null>(null);
  const articleSince = article?.since ?? null;
  useEffect(() => {
    since.current = articleSince;
  }, [articleSince]);

  useEffect(() => {
    // Opened a task later: an article view mounting in the same commit names its article first.
    let stream: LiveStream | null = null;
    const timer = setTimeout(() => {
      const base = `/api/workspaces/${encodeURIComponent(workspaceId)}/events`;
      stream = new LiveStream({
        url: (lastEventId) => {
          const query = new URLSearchParams();
          if (articleId) query.set("articleId", articleId);
          if (lastEventId) query.set("lastEventId", lastEventId);
          const q = query.toString();
          return q ? `${base}?${q}` : base;
        },
        since: articleId ? since.current : null,
        onMessage: (message) => {
          for (const listener of [...listeners.current]) listener(message);
        },
        onReset: () => {
          for (const listener of [...resetListeners.current]) listener();
        },
        onStatus: setStatus,
        onHello: ({ connectionId }) => setConnectionId(connectionId),
      });
      stream.open();
    });
    return () => {
      clearTimeout(timer);
      stream?.close();
      setConnectionId(null);
    };
  }, [workspaceId, articleId]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const onReset = useCallback((listener: () => void) => {
    resetListeners.current.add(listener);
    return () => void resetListeners.current.delete(listener);
  }, []);
  const showArticle = useCallback((id: string | null, since: string | null) => {
    setArticle((current) => (current?.id === id ? current : id ? { id, since } : null));
  }, []);

  const value = useMemo(
    () => ({ status, connectionId, articleId, subscribe, onReset, showArticle }),
    [status, connectionId, articleId, subscribe, onReset, showArticle],
  );
  return <LiveContext value={value}>{children}</LiveContext>;
}
