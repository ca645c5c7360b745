"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, apiBody, ApiError } from "@/lib/client/api";
import type { QueueItem } from "./types";

export type Decision = "ACCEPTED" | "REJECTED" | "PROPOSED";
export type QueueFilters = {
  status: "PROPOSED" | "ACCEPTED" | "REJECTED";
  articleId: string;
  entityTypeId: string;
  authorId: string;
  from: string;
  to: string;
};

export const defaultFilters: QueueFilters = {
  status: "PROPOSED",
  articleId: "",
  entityTypeId: "",
  authorId: "",
  from: "",
  to: "",
};

type QueuePage = { data: QueueItem[]; nextCursor: string | null; total: number };

/**
 * The review queue's items for the filters, and decisions on them: shown at
 * once (optimistic), confirmed by the server with the version the reviewer
 * saw; a conflict reloads the item and says so.
 */
export function useReviewQueue(
  workspaceId: string,
  filters: QueueFilters,
  say: (message: string, tone?: "error") => void,
) {
  const [items, setItems] = useState<QueueItem[]>([]);
  const [total, setTotal] = useState(0);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const query = useMemo(() => {
    const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== "") as [string, string][]);
    params.set("limit", "200");
    return params.toString();
  }, [filters]);
  // The query whose answer is shown: loading until it is the current one.
  const [shown, setShown] = useState<string | null>(null);
  const request = useRef(0);

  const load = useCallback(async () => {
    const id = ++request.current;
    const page = await apiBody<QueuePage>(`/api/workspaces/${workspaceId}/review-queue?${query}`).catch((err) => {
      if (id === request.current) say(err instanceof ApiError ? err.message : "Could not load the queue.", "error");
      return null;
    });
    if (id !== request.current) return;
    if (page) {
      setItems(page.data);
      setTotal(page.total);
      setNextCursor(page.nextCursor);
    }
    setShown(query);
  }, [query, say, workspaceId]);

  /** Appends the next page of the same query (the queue is read 200 at a time). */
  const loadMore = useCallback(async () => {
    if (!nextCursor || loadingMore) return;
    const id = request.current;
    setLoadingMore(true);
    const page = await apiBody<QueuePage>(
      `/api/workspaces/${workspaceId}/review-queue?${query}&cursor=${encodeURIComponent(nextCursor)}`,
    ).catch((err) => {
      say(err instanceof ApiError ? err.message : "Could not load more of the queue.", "error");
      return null;
    });
    setLoadingMore(false);
    // A reload or other filters since: this page belongs to a list no longer shown.
    if (!page || id !== request.current) return;
    setItems((list) => {
      const known = new Set(list.map((i) => i.id));
      return [...list, ...page.data.filter((i) => !known.has(i.id))];
    });
    setTotal(page.total);
    setNextCursor(page.nextCursor);
  }, [loadingMore, nextCursor, query, say, workspaceId]);
  const loading = shown !== query;
  const loadRef = useRef(load);

  useEffect(() => {
    loadRef.current = load;
    void loadRef.current();
  }, [load]);

  const replace = useCallback((next: QueueItem) => {
    setItems((list) => list.map((i) => (i.id === next.id ? { ...i, ...next } : i)));
  }, []);

  /** Decides on items; resolves with the saved items, or null after a failure (already reported). */
  const decide = useCallback(
    async (targets: QueueItem[], decision: Decision, reason?: string): Promise<QueueItem[] | null> => {
      const before = new Map(targets.map((t) => [t.id, t]));
      setItems((list) => list.map((i) => (before.has(i.id) ? { ...i, status: decision } : i)));
      try {
        const saved =
          targets.length === 1
            ? [
                await api<QueueItem>(`/api/workspaces/${workspaceId}/annotations/${targets[0].id}/review`, {
                  method: "POST",
                  json: { version: targets[0].version, decision, reason },
                }),
              ]
            : await api<QueueItem[]>(`/api/workspaces/${workspaceId}/annotations/review`, {
                method: "POST",
                json: { items: targets.map((t) => ({ id: t.id, version: t.version })), decision, reason },
              });
        setItems((list) =>
          list.map((i) => {
            const s = saved.find((x) => x.id === i.id);
            return s ? { ...i, status: s.status, version: s.version, entity: s.entity } : i;
          }),
        );
        return saved;
      } catch (err) {
        setItems((list) => list.map((i) => before.get(i.id) ?? i));
        if (err instanceof ApiError && err.status === 409) {
          say("Someone changed this since you loaded it. The queue has been reloaded.", "error");
          void load();
        } else {
          say(err instanceof ApiError ? err.message : "The decision could not be saved.", "error");
        }
        return null;
      }
    },
    [load, say, workspaceId],
  );

  return { items, total, loading, hasMore: nextCursor !== null, loadingMore, loadMore, reload: load, decide, replace };
}
