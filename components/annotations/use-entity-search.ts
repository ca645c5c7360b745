"use client";

import { useEffect, useState } from "react";
import { api } from "@/lib/client/api";
import { errorMessage } from "./error-message";
import type { EntityItem } from "./types";

/** How long typing must pause before the catalog is searched. */
export const SEARCH_DEBOUNCE_MS = 120;

type SearchState = { query: string | null; results: EntityItem[]; error: string | null };

/**
 * Searches the workspace's entity catalog (ranked by the server) for `query`,
 * debounced; a newer query cancels the request in flight. Keeps the previous
 * results on screen while the next ones load (`loading` is true meanwhile).
 */
export function useEntitySearch(workspaceId: string, query: string) {
  const q = query.trim();
  const [state, setState] = useState<SearchState>({ query: null, results: [], error: null });

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const params = new URLSearchParams({ limit: "20", ...(q ? { q } : {}) });
      try {
        const results = await api<EntityItem[]>(`/api/workspaces/${workspaceId}/entities?${params}`, {
          signal: controller.signal,
        });
        setState({ query: q, results, error: null });
      } catch (err) {
        if (controller.signal.aborted) return;
        setState({ query: q, results: [], error: errorMessage(err, "Could not search the entities.") });
      }
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [workspaceId, q]);

  return { results: state.results, loading: state.query !== q, error: state.error };
}
