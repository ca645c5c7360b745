"use client";

import { useCallback, useMemo, useState } from "react";
import { api, ApiError } from "@/lib/client/api";
import type { Suggestion } from "@/lib/suggestions";
import type { SuggestionItem } from "./suggestions-panel";
import type { AnnotationItem, EntityItem, EntityTypeItem } from "./types";
import type { Toast } from "./use-annotations";

type CreateFn = (
  items: { start: number; end: number; exact: string; entity?: EntityItem | null }[],
) => Promise<AnnotationItem[]>;

/**
 * How accepted suggestions get their entity: `auto` takes the catalog entity a
 * suggestion names or is matched to (shown in its row), else finds or creates
 * one with its text and type (or asks, for a lone one); `pick` asks the analyst.
 */
export type AcceptMode = "auto" | "pick";

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
  /** Deletes annotations (the Undo of an accept). */
  removeMany(items: AnnotationItem[]): Promise<void>;
  say(message: string, extra?: Omit<Toast, "id" | "message">): void;
}) {
  const { workspaceId, articleId, annotations, entityTypes, create, removeMany, say } = options;
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
      const known = s.entityId ?? s.match?.entityId ?? null;
      const key = `${known ?? ""}|${s.text.toLowerCase()}|${s.type}`;
      const cached = cache.get(key);
      if (cached) return cached;
      let entity: EntityItem | null = null;
      if (known) {
        entity = await api<EntityItem>(`/api/workspaces/${workspaceId}/entities/${known}`);
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

  /**
   * Accepts suggestions (a row's mentions, or a whole type) in one batch, and
   * offers to undo it; returns the ones that need the analyst to pick an entity.
   */
  const accept = useCallback(
    async (items: SuggestionItem[], mode: AcceptMode = "auto"): Promise<SuggestionItem[]> => {
      if (mode === "pick") return items;
      setBusy(true);
      const cache = new Map<string, EntityItem>();
      const ready: { start: number; end: number; exact: string; entity: EntityItem }[] = [];
      const needPick: SuggestionItem[] = [];
      try {
        for (const s of items) {
          const entity = s.entityId || s.match || items.length > 1 ? await entityFor(s, cache) : null;
          if (entity) ready.push({ start: s.start, end: s.end, exact: s.text, entity });
          else needPick.push(s);
        }
        if (ready.length) {
          const created = await create(ready);
          if (created.length) {
            const names = [...new Set(ready.map((r) => r.entity.name))];
            say(
              `Accepted ${created.length} ${created.length === 1 ? "suggestion" : "suggestions"}${
                names.length === 1 ? ` as ${names[0]}` : ""
              }.`,
              { action: { label: "Undo", run: () => void removeMany(created) } },
            );
          }
        }
      } catch (err) {
        say(err instanceof ApiError ? err.message : "The suggestions could not be accepted.", { tone: "error" });
      } finally {
        setBusy(false);
      }
      return needPick;
    },
    [create, entityFor, removeMany, say],
  );

  const dismiss = useCallback(
    (items: SuggestionItem[]) =>
      setDismissed((set) => {
        const next = new Set(set);
        for (const s of items) next.add(s.id);
        return next;
      }),
    [],
  );
  const close = useCallback(() => setRaw(null), []);

  return { suggestions, busy, load, accept, dismiss, close };
}
