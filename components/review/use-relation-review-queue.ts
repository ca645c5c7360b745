"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, apiBody, ApiError } from "@/lib/client/api";
import type { RelationQueueItem } from "./types";
import type { Decision } from "./use-review-queue";

export type RelationQueueFilters = {
  status: "PROPOSED" | "ACCEPTED" | "REJECTED";
  articleId: string;
  relationTypeId: string;
  authorId: string;
};

export const defaultRelationFilters: RelationQueueFilters = {
  status: "PROPOSED",
  articleId: "",
  relationTypeId: "",
  authorId: "",
};

type QueuePage = { data: RelationQueueItem[]; nextCursor: string | null; total: number };

/**
 * The relation review queue for the filters, and decisions on its relations:
 * shown at once, confirmed by the server at the version the reviewer saw; a
 * conflict (409) reloads the queue and says so.
 */
export function useRelationReviewQueue(
  workspaceId: string,
  filters: RelationQueueFilters,
  say: (message: string, tone?: "error") => void,
) {
  const [items, setItems] = useState<RelationQueueItem[]>([]);
  const [total, setTotal] = useState(0);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const query = useMemo(() => {
    const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== "") as [string, string][]);
    params.set("limit", "200");
    return params.toString();
  }, [filters]);
  const [shown, setShown] = useState<string | null>(null);
  const request = useRef(0);
  const url = `/api/workspaces/${workspaceId}/relation-review-queue?${query}`;

  const load = useCallback(
    async (cursor?: string) => {
      const id = cursor ? request.current : ++request.current;
      const page = await apiBody<QueuePage>(cursor ? `${url}&cursor=${encodeURIComponent(cursor)}` : url).catch(
        (err) => {
          say(err instanceof ApiError ? err.message : "Could not load the queue.", "error");
          return null;
        },
      );
      if (id !== request.current) return;
      if (page) {
        setItems((list) => {
          if (!cursor) return page.data;
          const known = new Set(list.map((i) => i.id));
          return [...list, ...page.data.filter((i) => !known.has(i.id))];
        });
        setTotal(page.total);
        setNextCursor(page.nextCursor);
      }
      setShown(query);
    },
    [query, say, url],
  );

  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
    void loadRef.current();
  }, [load]);

  /** Decides on one relation; resolves with it as saved, or null after a failure (already reported). */
  const decide = useCallback(
    async (target: RelationQueueItem, decision: Decision, reason?: string): Promise<RelationQueueItem | null> => {
      setItems((list) => list.map((i) => (i.id === target.id ? { ...i, status: decision } : i)));
      try {
        const saved = await api<RelationQueueItem>(`/api/workspaces/${workspaceId}/relations/${target.id}/review`, {
          method: "POST",
          json: { version: target.version, decision, reason },
        });
        const next = {
          ...target,
          status: saved.status,
          version: saved.version,
          rejectionReason: saved.rejectionReason,
        };
        setItems((list) => list.map((i) => (i.id === target.id ? next : i)));
        return next;
      } catch (err) {
        setItems((list) => list.map((i) => (i.id === target.id ? target : i)));
        if (err instanceof ApiError && err.status === 409) {
          say("Someone changed this relation since you loaded it. The queue has been reloaded.", "error");
          void load();
        } else {
          say(err instanceof ApiError ? err.message : "The decision could not be saved.", "error");
        }
        return null;
      }
    },
    [load, say, workspaceId],
  );

  return {
    items,
    total,
    loading: shown !== query,
    hasMore: nextCursor !== null,
    loadMore: () => (nextCursor ? load(nextCursor) : Promise.resolve()),
    decide,
  };
}
