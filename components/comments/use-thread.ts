"use client";

import type { JSONContent } from "@tiptap/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { errorMessage } from "@/components/annotations/error-message";
import type { Toast } from "@/components/annotations/use-annotations";
import { useLiveEvents, useLiveReset } from "@/components/live/use-live-events";
import { ApiError, newActionKey } from "@/lib/client/api";
import type { CommentView, ThreadView } from "@/lib/comments/comment-view";
import { commentApi, threadUrl, type ThreadTarget } from "./comment-api";
import { mergeThread, withComment } from "./thread-state";

/** A failed reload of a thread on screen is tried again after this long. */
const RETRY_MS = 3000;

type Say = (message: string, extra?: Omit<Toast, "id" | "message">) => void;

export type ThreadState =
  | { status: "loading"; thread: null; error: null }
  | { status: "ready"; thread: ThreadView; error: null }
  | { status: "error"; thread: null; error: string };

/**
 * One annotation's or relation's thread on the client: loaded on mount, reloaded when a
 * live event names it, and changed optimistically where that is safe
 * (delete, hide, resolve) with the server's answer replacing the guess.
 * `onChanged` runs after each change of one's own (for the counts on rows).
 */
export function useThread(options: { workspaceId: string; target: ThreadTarget; say: Say; onChanged(): void }) {
  const { workspaceId, say } = options;
  const { kind, id: targetId } = options.target;
  const url = threadUrl(workspaceId, { kind, id: targetId });
  const client = useMemo(() => commentApi(workspaceId), [workspaceId]);
  const [state, setState] = useState<ThreadState>({ status: "loading", thread: null, error: null });
  const onChanged = useRef(options.onChanged);
  useEffect(() => {
    onChanged.current = options.onChanged;
  }, [options.onChanged]);

  const setThread = useCallback((update: (thread: ThreadView) => ThreadView) => {
    setState((s) => (s.status === "ready" ? { ...s, thread: update(s.thread) } : s));
  }, []);

  // One load at a time; a change announced meanwhile loads once more afterwards.
  const loading = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const retry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reloadRef = useRef<() => Promise<void>>(async () => {});
  const reload = useCallback(async () => {
    if (loading.current) {
      again.current = true;
      return loading.current;
    }
    clearTimeout(retry.current);
    loading.current = (async () => {
      do {
        again.current = false;
        try {
          const fresh = await client.thread(url);
          setState((s) => ({
            status: "ready",
            thread: s.status === "ready" ? mergeThread(s.thread, fresh) : fresh,
            error: null,
          }));
        } catch (err) {
          // Offline or the server restarting: try again shortly (a change was announced that we have not seen).
          if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500) {
            retry.current = setTimeout(() => void reloadRef.current(), RETRY_MS);
          }
          setState((s) =>
            s.status === "ready"
              ? s
              : { status: "error", thread: null, error: errorMessage(err, "The discussion could not be loaded.") },
          );
        }
      } while (again.current);
    })();
    await loading.current;
    loading.current = null;
  }, [url, client]);

  useEffect(() => {
    reloadRef.current = reload;
    void reload();
    return () => clearTimeout(retry.current);
  }, [reload]);

  useLiveEvents(["comment.changed", "thread.changed"], (message) => {
    const id = kind === "relation" ? message.data.relationId : message.data.annotationId;
    if (id === targetId) void reload();
  });
  useLiveReset(() => void reload());

  // The Idempotency-Key of a comment not yet known to be saved: sending the same text again after a
  // failure (maybe only the answer was lost) repeats that action instead of posting it twice.
  const unsent = useRef<{ text: string; key: string } | null>(null);

  /** Sends a comment; resolves to an error message, or null when it was saved. */
  const send = useCallback(
    async (body: JSONContent): Promise<string | null> => {
      const text = JSON.stringify(body);
      if (unsent.current?.text !== text) unsent.current = { text, key: newActionKey() };
      try {
        const comment = await client.post(url, body, unsent.current.key);
        unsent.current = null;
        setThread((t) => ({ ...withComment(t, comment), resolved: false, resolvedAt: null, resolvedBy: null }));
        onChanged.current();
        return null;
      } catch (err) {
        return errorMessage(err, "The comment could not be sent.");
      }
    },
    [url, client, setThread],
  );

  const edit = useCallback(
    async (comment: CommentView, body: JSONContent): Promise<string | null> => {
      try {
        const saved = await client.edit(comment.id, comment.version, body);
        setThread((t) => withComment(t, saved));
        return null;
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) {
          const current = err.details.current as CommentView | undefined;
          if (current?.id === comment.id) setThread((t) => withComment(t, current));
          else void reload();
          say(
            "This comment was changed elsewhere (another tab?) since you opened it. It has been reloaded; your edit was not saved.",
            {
              tone: "error",
            },
          );
          return "";
        }
        return errorMessage(err, "The comment could not be saved.");
      }
    },
    [client, reload, say, setThread],
  );

  const restore = useCallback(
    async (comment: CommentView) => {
      try {
        const restored = await client.restore(comment.id);
        setThread((t) => withComment(t, restored));
        onChanged.current();
        say("Comment restored.");
      } catch (err) {
        say(errorMessage(err, "The comment could not be restored."), { tone: "error" });
      }
    },
    [client, say, setThread],
  );

  const remove = useCallback(
    async (comment: CommentView) => {
      setThread((t) => withComment(t, { ...comment, state: "deleted", body: null }));
      try {
        const deleted = await client.remove(comment.id);
        setThread((t) => withComment(t, deleted));
        onChanged.current();
        say("Comment deleted.", { action: { label: "Undo", run: () => void restore(comment) } });
      } catch (err) {
        setThread((t) => withComment(t, comment));
        say(errorMessage(err, "The comment could not be deleted."), { tone: "error" });
      }
    },
    [client, restore, say, setThread],
  );

  const hide = useCallback(
    async (comment: CommentView, hidden: boolean) => {
      if (hidden) setThread((t) => withComment(t, { ...comment, state: "hidden", body: null }));
      try {
        const saved = await client.hide(comment.id, hidden);
        setThread((t) => withComment(t, saved));
        onChanged.current();
        say(hidden ? "Comment hidden. Its author and readers see that a reviewer hid it." : "Comment shown again.");
      } catch (err) {
        setThread((t) => withComment(t, comment));
        say(errorMessage(err, hidden ? "The comment could not be hidden." : "The comment could not be shown."), {
          tone: "error",
        });
      }
    },
    [client, say, setThread],
  );

  const setResolved = useCallback(
    async (resolved: boolean) => {
      const before = state.status === "ready" ? state.thread : null;
      setThread((t) => ({ ...t, resolved }));
      try {
        const thread = await client.setResolved(url, resolved);
        setState({ status: "ready", thread, error: null });
        onChanged.current();
      } catch (err) {
        if (before) setThread(() => before);
        say(errorMessage(err, resolved ? "The thread could not be resolved." : "The thread could not be reopened."), {
          tone: "error",
        });
      }
    },
    [url, client, say, setThread, state],
  );

  return { ...state, reload, send, edit, remove, restore, hide, setResolved, history: client.history };
}
