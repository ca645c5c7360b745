"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { errorMessage } from "@/components/annotations/error-message";
import { useLiveEvents, useLiveReset } from "@/components/live/use-live-events";
import { api, apiBody } from "@/lib/client/api";
import type { NotificationView } from "@/lib/comments/comment-view";

const LIMIT = 30;

/**
 * The user's inbox in this workspace: the latest entries and the unread
 * count, reloaded when a notification arrives live. Marking read is
 * optimistic; the server's count then replaces the local one.
 */
export function useNotifications(workspaceId: string) {
  const base = `/api/workspaces/${encodeURIComponent(workspaceId)}/notifications`;
  const [items, setItems] = useState<NotificationView[] | null>(null);
  const [unreadCount, setUnreadCount] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const body = await apiBody<{ data: NotificationView[]; unreadCount: number }>(`${base}?limit=${LIMIT}`);
      setItems(body.data);
      setUnreadCount(body.unreadCount);
      setError(null);
    } catch (err) {
      setError(errorMessage(err, "The notifications could not be loaded."));
    }
  }, [base]);

  const loadSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), 100);
  }, [load]);

  useEffect(() => {
    loadSoon();
    return () => clearTimeout(timer.current);
  }, [loadSoon]);

  useLiveEvents(["notification.created"], () => {
    // The badge moves at once; the list follows with the new entry.
    setUnreadCount((n) => n + 1);
    loadSoon();
  });
  useLiveReset(loadSoon);

  const markRead = useCallback(
    async (ids: string[] | "all") => {
      const now = new Date().toISOString();
      const marked = new Set(ids === "all" ? [] : ids);
      const wasUnread = (n: NotificationView) => !n.readAt && (ids === "all" || marked.has(n.id));
      setItems((list) => list?.map((n) => (wasUnread(n) ? { ...n, readAt: now } : n)) ?? list);
      setUnreadCount((count) => (ids === "all" ? 0 : Math.max(0, count - (items ?? []).filter(wasUnread).length)));
      try {
        const result = await api<{ unreadCount: number }>(`${base}/read`, {
          method: "POST",
          json: ids === "all" ? { all: true } : { ids },
        });
        setUnreadCount(result.unreadCount);
      } catch {
        void load();
      }
    },
    [base, items, load],
  );

  return useMemo(
    () => ({ items, unreadCount, error, reload: load, markRead }),
    [items, unreadCount, error, load, markRead],
  );
}
