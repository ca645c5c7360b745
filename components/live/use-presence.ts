"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/lib/client/api";
import { useLiveConnection, useLiveEvents, useLiveReset } from "./use-live-events";

export type PresentMember = {
  userId: string;
  name: string;
  selectedAnnotationIds: string[];
  /** The annotations this member is linking from now (pending relations; none for a blind viewer). */
  linkingFromIds: string[];
};

/** A burst of arrivals and clicks costs one reload. */
const RELOAD_DELAY_MS = 150;

/**
 * Who else has the article open, what each has selected and is linking from;
 * and tells the others what this reader selects and links from (by this
 * page's connection, so each tab counts on its own). Refreshed on every
 * `presence.changed`.
 */
export function usePresence(options: {
  workspaceId: string;
  articleId: string;
  meId: string;
  selectedAnnotationId: string | null;
  /** The annotation a link is being made from (after `r`, Link… or during a drag), or null. */
  linkingFromId?: string | null;
}): PresentMember[] {
  const { workspaceId, articleId, meId, selectedAnnotationId } = options;
  const linkingFromId = options.linkingFromId?.startsWith("tmp-") ? null : (options.linkingFromId ?? null);
  const url = `/api/workspaces/${encodeURIComponent(workspaceId)}/articles/${encodeURIComponent(articleId)}/presence`;
  const connection = useLiveConnection();
  const connectionId = connection?.connectionId ?? null;
  const [present, setPresent] = useState<PresentMember[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const all = await api<PresentMember[]>(url);
      setPresent(all.filter((p) => p.userId !== meId));
    } catch {
      // Presence is a courtesy: keep the last known.
    }
  }, [meId, url]);

  const loadSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), RELOAD_DELAY_MS);
  }, [load]);

  useEffect(() => {
    if (connectionId) loadSoon();
    return () => clearTimeout(timer.current);
  }, [connectionId, loadSoon]);

  useLiveEvents(["presence.changed"], loadSoon);
  useLiveReset(loadSoon);

  // Unsaved highlights (tmp- ids) are nobody else's business yet.
  const shared = selectedAnnotationId?.startsWith("tmp-") ? null : selectedAnnotationId;
  useEffect(() => {
    if (!connectionId) return;
    const timeout = setTimeout(() => {
      void api(url, { method: "POST", json: { connectionId, selectedAnnotationId: shared, linkingFromId } }).catch(
        () => undefined,
      );
    }, 100);
    return () => clearTimeout(timeout);
  }, [connectionId, shared, linkingFromId, url]);

  return present;
}
