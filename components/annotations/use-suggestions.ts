"use client";

import { useCallback, useMemo, useState } from "react";
import { api, ApiError } from "@/lib/client/api";
import type { Suggestion } from "@/lib/suggestions";
import type { SuggestionItem } from "./suggestions-panel";
import type { AnnotationItem, EntityItem, EntityTypeItem } from "./types";

type CreateFn = (
  items: { start: number; end: number; exact: string; entity?: EntityItem | null }[],
) => Promise<AnnotationItem[]>;

/**
 * Suggested mentions for the article: fetched on request from the server
 * (where the tagger runs, off the reader's main thread), minus the dismissed
 * ones and those an annotation now covers.
 */
export function useSuggestions(options: {
  workspaceId: string;
  articleId: string;
  annotations: AnnotationItem[];
  entityTypes: EntityTypeItem[];
  create: CreateFn;
  say(message: string, extra?: { tone?: "error" | "info" }): void;
}) {
  const { workspaceId, articleId, annotations, entityTypes, create, say } = options;
  const [raw, setRaw] = useState<SuggestionItem[] | null>(null);
  const [dismissed, setDismissed] = useState<Set<string>>(() => new Set());
  const [busy, setBusy] = useState(false);

  const suggestions = useMemo(() => {
    if (!raw) return null;
    const taken = annotations.filter((a) => a.anchorState !== "ORPHANED");
    return raw.filter((s) => !dismissed.has(s.id) && !taken.some((a) => a.start < s.end && s.start < a.end));
  }, [annotations, dismissed, raw]);

  const load = useCallback(async () => {
    setBusy(true);
    try {
      const data = await api<{ suggestions: Suggestion[] }>(
        `/api/workspaces/${workspaceId}/articles/${articleId}/suggestions`,
      );
      setRaw(data.suggestions.map((s) => ({ ...s, id: `${s.start}-${s.end}` })));
      setDismissed(new Set());
      say(
        data.suggestions.length
          ? `${data.suggestions.length} suggested mentions, shown with dashed underlines.`
          : "No suggestions for this article.",
      );
    } catch (err) {
      say(err instanceof ApiError ? err.message : "Suggestions could not be loaded.", { tone: "error" });
    } finally {
      setBusy(false);
    }
  }, [articleId, say, workspaceId]);

  /** The catalog entity a suggestion names, or one found or created with its text and type. */
  const entityFor = useCallback(
    async (s: SuggestionItem, cache: Map<string, EntityItem>): Promise<EntityItem | null> => {
      const key = `${s.entityId ?? ""}|${s.text.toLowerCase()}|${s.type}`;
      const cached = cache.get(key);
      if (cached) return cached;
      let entity: EntityItem | null = null;
      if (s.entityId) {
        entity = await api<EntityItem>(`/api/workspaces/${workspaceId}/entities/${s.entityId}`);
      } else {
        const type = entityTypes.find((t) => t.name === s.type);
        if (!type) return null;
        const found = await api<EntityItem[]>(
          `/api/workspaces/${workspaceId}/entities?q=${encodeURIComponent(s.text)}&typeId=${type.id}`,
        );
        entity =
          found.find((e) => e.name.toLowerCase() === s.text.toLowerCase()) ??
          (await api<EntityItem>(`/api/workspaces/${workspaceId}/entities`, {
            method: "POST",
            json: { name: s.text, typeId: type.id },
          }));
      }
      cache.set(key, entity);
      return entity;
    },
    [entityTypes, workspaceId],
  );

  /** Accepts suggestions that know their entity or type; returns the ones that need the analyst to pick an entity. */
  const accept = useCallback(
    async (items: SuggestionItem[]): Promise<SuggestionItem[]> => {
      setBusy(true);
      const cache = new Map<string, EntityItem>();
      const ready: { start: number; end: number; exact: string; entity: EntityItem }[] = [];
      const needPick: SuggestionItem[] = [];
      try {
        for (const s of items) {
          const entity = s.entityId || items.length > 1 ? await entityFor(s, cache) : null;
          if (entity) ready.push({ start: s.start, end: s.end, exact: s.text, entity });
          else needPick.push(s);
        }
        if (ready.length) {
          const created = await create(ready);
          if (created.length > 1) say(`Accepted ${created.length} suggestions.`);
        }
      } catch (err) {
        say(err instanceof ApiError ? err.message : "The suggestions could not be accepted.", { tone: "error" });
      } finally {
        setBusy(false);
      }
      return needPick;
    },
    [create, entityFor, say],
  );

  const dismiss = useCallback((s: SuggestionItem) => setDismissed((set) => new Set(set).add(s.id)), []);
  const close = useCallback(() => setRaw(null), []);

  return { suggestions, busy, load, accept, dismiss, close };
}
