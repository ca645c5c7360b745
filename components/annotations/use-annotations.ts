"use client";

import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import { IdBatcher } from "@/components/live/id-batcher";
import { useLiveConnection, useLiveEvents, useLiveReset } from "@/components/live/use-live-events";
import { decodeAnnotations, type CompactAnnotations } from "@/lib/annotations/compact-annotations";
import { api, apiBody, ApiError, newActionKey } from "@/lib/client/api";
import { mergeAnnotationChanges, upsertAnnotations } from "./merge-annotations";
import { parseAnnotation, parseAnnotations } from "./parse-annotations";
import type { AnnotationItem, EntityItem } from "./types";

export type Toast = {
  id: number;
  message: string;
  action?: { label: string; run: () => void };
  tone?: "error" | "info";
};

type NewHighlight = { start: number; end: number; exact: string; entity?: EntityItem | null };

let tempCounter = 0;

/** Waits before each retry of a live change's fetch; after the last, the view says it is out of sync. */
const LIVE_RETRY_DELAYS_MS = [500, 1000, 2000, 4000];

/**
 * The article's annotations on the client, with every change made
 * optimistically (visible in the same frame) and then confirmed or rolled
 * back by the server. Deletions offer Undo; a stale edit (409) reloads the
 * annotation from the server's answer and says so. Others' changes arrive as
 * live events naming annotation ids; those of ~50 ms are fetched together
 * and applied in place. A new revision (the page's `revisionId` changes)
 * starts again from the page's annotations.
 */
export function useAnnotations(options: {
  workspaceId: string;
  articleId: string;
  revisionId: string;
  /** The page's annotations, as `findReaderAnnotations` reads them, in JSON. */
  initial: string;
  /** The canonical text of the shown revision (read only when a quote was left out of `initial`). */
  text: () => string;
  me: { id: string; name: string };
  /**
   * Called synchronously with the optimistic annotations of a create, before
   * React renders them: a view can draw them in the same frame as the input.
   */
  onDraft?: (drafts: readonly AnnotationItem[]) => void;
}) {
  const { workspaceId, articleId, revisionId, me } = options;
  const onDraft = useRef(options.onDraft);
  useEffect(() => {
    onDraft.current = options.onDraft;
  }, [options.onDraft]);
  const decodeInitial = () => decodeAnnotations(JSON.parse(options.initial) as CompactAnnotations, options.text);
  const [annotations, setAnnotations] = useState<AnnotationItem[]>(decodeInitial);
  const [shownRevision, setShownRevision] = useState(revisionId);
  if (shownRevision !== revisionId) {
    setShownRevision(revisionId);
    setAnnotations(decodeInitial());
  }
  const [toast, setToast] = useState<Toast | null>(null);
  const listUrl = `/api/workspaces/${workspaceId}/articles/${articleId}/annotations`;

  const batcher = useRef<IdBatcher | null>(null);
  /** Some live change could not be fetched after every retry: what is shown may be behind. */
  const [outOfSync, setOutOfSync] = useState(false);
  useEffect(() => {
    const current = new IdBatcher(
      async (ids) => {
        const answer = await api<unknown>(`${listUrl}?ids=${ids.map(encodeURIComponent).join(",")}`);
        const { items, unreadableIds } = parseAnnotations(answer);
        // An annotation that could not be read is not a deleted one: it stays as shown.
        const asked = unreadableIds.length ? ids.filter((id) => !unreadableIds.includes(id)) : ids;
        startTransition(() => setAnnotations((list) => mergeAnnotationChanges(list, asked, items)));
      },
      { retryDelaysMs: LIVE_RETRY_DELAYS_MS, onSyncChange: (inSync) => setOutOfSync(!inSync) },
    );
    batcher.current = current;
    return () => current.dispose();
  }, [listUrl]);
  useLiveEvents(["annotation.changed"], (message) => batcher.current?.add(message.data.annotationIds));

  // The stream is back after a break (it replays what it missed from its last event): fetch again
  // every change announced earlier whose fetch failed, so all since the last applied event is shown.
  const liveStatus = useLiveConnection()?.status ?? null;
  const wasLive = useRef(liveStatus);
  useEffect(() => {
    if (liveStatus === "live" && wasLive.current !== "live") batcher.current?.resync();
    wasLive.current = liveStatus;
  }, [liveStatus]);

  // Too far behind to replay: load them all again.
  useLiveReset(async () => {
    try {
      const all: AnnotationItem[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?limit=5000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const page: { data: unknown; nextCursor: string | null } = await apiBody(`${listUrl}${query}`);
        all.push(...parseAnnotations(page.data).items);
        cursor = page.nextCursor;
      } while (cursor);
      startTransition(() => setAnnotations(all));
    } catch {
      // The next event or a reload catches up.
    }
  });
  const toastId = useRef(0);

  const say = useCallback((message: string, extra: Omit<Toast, "id" | "message"> = {}) => {
    setToast({ id: ++toastId.current, message, ...extra });
  }, []);

  const replace = useCallback((id: string, next: AnnotationItem | null) => {
    setAnnotations((list) => (next ? list.map((a) => (a.id === id ? next : a)) : list.filter((a) => a.id !== id)));
  }, []);

  const create = useCallback(
    async (items: NewHighlight[]): Promise<AnnotationItem[]> => {
      const now = new Date().toISOString();
      const temps: AnnotationItem[] = items.map((item) => ({
        id: `tmp-${++tempCounter}`,
        start: item.start,
        end: item.end,
        exact: item.exact,
        note: null,
        status: "PROPOSED",
        anchorState: "ANCHORED",
        version: 1,
        createdAt: now,
        author: me,
        entity: item.entity ? { id: item.entity.id, name: item.entity.name, type: item.entity.type } : null,
      }));
      onDraft.current?.(temps);
      // The list and panel (thousands of rows) re-render after the drafts are painted.
      startTransition(() => setAnnotations((list) => [...list, ...temps]));
      const body = items.map((i) => ({
        revisionId,
        start: i.start,
        end: i.end,
        exact: i.exact,
        entityId: i.entity?.id ?? null,
      }));
      // One key per action: a repeat of this request (a retry) gets the same annotations back.
      const idempotencyKey = newActionKey();
      try {
        const created = parseAnnotations(
          items.length === 1
            ? [
                await api<unknown>(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`, {
                  method: "POST",
                  json: body[0],
                  idempotencyKey,
                }),
              ]
            : await api<unknown>(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations/batch`, {
                method: "POST",
                json: { items: body },
                idempotencyKey,
              }),
        ).items;
        const tempIds = new Set(temps.map((t) => t.id));
        // The live event may have brought them already: once each.
        startTransition(() =>
          setAnnotations((list) =>
            upsertAnnotations(
              list.filter((a) => !tempIds.has(a.id)),
              created,
            ),
          ),
        );
        return created;
      } catch (err) {
        const tempIds = new Set(temps.map((t) => t.id));
        setAnnotations((list) => list.filter((a) => !tempIds.has(a.id)));
        say(err instanceof ApiError ? err.message : "The highlight could not be saved.", { tone: "error" });
        return [];
      }
    },
    [articleId, me, revisionId, say, workspaceId],
  );

  const update = useCallback(
    async (
      annotation: AnnotationItem,
      change: {
        entity?: EntityItem | null;
        note?: string | null;
        range?: { start: number; end: number; exact: string };
      },
    ) => {
      const optimistic: AnnotationItem = {
        ...annotation,
        ...(change.entity !== undefined
          ? {
              entity: change.entity
                ? { id: change.entity.id, name: change.entity.name, type: change.entity.type }
                : null,
            }
          : {}),
        ...(change.note !== undefined ? { note: change.note } : {}),
        ...(change.range ? { ...change.range, anchorState: "ANCHORED" as const } : {}),
      };
      replace(annotation.id, optimistic);
      try {
        const answer = await api<unknown>(`/api/workspaces/${workspaceId}/annotations/${annotation.id}`, {
          method: "PATCH",
          json: {
            version: annotation.version,
            ...(change.entity !== undefined ? { entityId: change.entity?.id ?? null } : {}),
            ...(change.note !== undefined ? { note: change.note } : {}),
            ...(change.range ? { range: { revisionId, ...change.range } } : {}),
          },
        });
        const saved = parseAnnotation(answer);
        replace(annotation.id, saved ?? optimistic);
        return saved ?? optimistic;
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) {
          const current = parseAnnotation(err.details.current);
          replace(annotation.id, current ?? annotation);
          say(
            "Someone else changed this annotation since you loaded it. It has been reloaded; check it and try again.",
            { tone: "error" },
          );
        } else {
          replace(annotation.id, annotation);
          say(err instanceof ApiError ? err.message : "The change could not be saved.", { tone: "error" });
        }
        return null;
      }
    },
    [replace, revisionId, say, workspaceId],
  );

  const restore = useCallback(
    async (annotation: AnnotationItem) => {
      setAnnotations((list) => upsertAnnotations(list, [annotation]));
      try {
        const restored = parseAnnotation(
          await api<unknown>(`/api/workspaces/${workspaceId}/annotations/${annotation.id}/restore`, { method: "POST" }),
        );
        replace(annotation.id, restored ?? annotation);
        say("Annotation restored.");
      } catch (err) {
        replace(annotation.id, null);
        say(err instanceof ApiError ? err.message : "The annotation could not be restored.", { tone: "error" });
      }
    },
    [replace, say, workspaceId],
  );

  const remove = useCallback(
    async (annotation: AnnotationItem) => {
      replace(annotation.id, null);
      try {
        await api(`/api/workspaces/${workspaceId}/annotations/${annotation.id}`, { method: "DELETE" });
        say("Annotation deleted", { action: { label: "Undo", run: () => void restore(annotation) } });
      } catch (err) {
        setAnnotations((list) => upsertAnnotations(list, [annotation]));
        say(err instanceof ApiError ? err.message : "The annotation could not be deleted.", { tone: "error" });
      }
    },
    [replace, restore, say, workspaceId],
  );

  /** Deletes several annotations at once (e.g. undoing an accept-all); says how many, or which failed. */
  const removeMany = useCallback(
    async (items: AnnotationItem[]) => {
      const ids = new Set(items.map((a) => a.id));
      setAnnotations((list) => list.filter((a) => !ids.has(a.id)));
      const failed: AnnotationItem[] = [];
      for (let i = 0; i < items.length; i += 8) {
        await Promise.all(
          items.slice(i, i + 8).map(async (a) => {
            try {
              await api(`/api/workspaces/${workspaceId}/annotations/${a.id}`, { method: "DELETE" });
            } catch {
              failed.push(a);
            }
          }),
        );
      }
      if (failed.length) {
        setAnnotations((list) => upsertAnnotations(list, failed));
        say(`${failed.length} of ${items.length} annotations could not be removed.`, { tone: "error" });
      } else {
        say(`Removed ${items.length} ${items.length === 1 ? "annotation" : "annotations"}.`);
      }
    },
    [say, workspaceId],
  );

  return {
    annotations,
    create,
    update,
    remove,
    removeMany,
    toast,
    dismissToast: () => setToast(null),
    say,
    outOfSync,
  };
}
