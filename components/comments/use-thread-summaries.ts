"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useLiveEvents, useLiveReset } from "@/components/live/use-live-events";
import type { ThreadSummary } from "@/lib/comments/comment-view";
import { commentApi } from "./comment-api";

/** Several changes in a burst cost one reload of the counts. */
const RELOAD_DELAY_MS = 250;

/**
 * The article's thread counts and states, by annotation id, for the badges
 * and the panel's thread filter. A resolution is applied at once from its
 * event; comment changes reload the counts (coalesced).
 */
export function useThreadSummaries(options: { workspaceId: string; articleId: string }) {
  const { workspaceId, articleId } = options;
  const client = useMemo(() => commentApi(workspaceId), [workspaceId]);
  const [summaries, setSummaries] = useState<ReadonlyMap<string, ThreadSummary>>(new Map());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const loadRef = useRef<() => Promise<void>>(async () => {});

  const load = useCallback(async () => {
    try {
      const list = await client.summaries(articleId);
      setSummaries(new Map(list.map((s) => [s.annotationId, s])));
    } catch {
      // Keep the last counts and try again shortly.
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void loadRef.current(), 3000);
    }
  }, [articleId, client]);

  const reloadSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), RELOAD_DELAY_MS);
  }, [load]);

  useEffect(() => {
    loadRef.current = load;
    const first = setTimeout(() => void load());
    return () => {
      clearTimeout(first);
      clearTimeout(timer.current);
    };
  }, [load]);

  useLiveEvents(["comment.changed", "thread.changed"], (message) => {
    // The counts are about annotations' threads; a relation's thread changes none of them.
    if (!message.data.annotationId) return;
    if (message.type === "thread.changed") {
      const { annotationId, resolved } = message.data as { annotationId: string; resolved: boolean };
      setSummaries((map) => {
        const known = map.get(annotationId);
        if (known?.resolved === resolved) return map;
        const next = new Map(map);
        next.set(annotationId, { annotationId, comments: known?.comments ?? 0, resolved });
        return next;
      });
    }
    reloadSoon();
  });
  useLiveReset(() => void load());

  return { summaries, reloadSoon };
}
