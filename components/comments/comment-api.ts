import type { JSONContent } from "@tiptap/core";
import type { CommentView, ThreadSummary, ThreadView } from "@/lib/comments/comment-view";
import { api, newActionKey } from "@/lib/client/api";

/** Whose thread: an annotation's or a relation's. */
export type ThreadTarget = { kind: "annotation" | "relation"; id: string };

/** The API path of a thread (its `…/comments` and `…/thread` routes hang off it). */
export function threadUrl(workspaceId: string, target: ThreadTarget): string {
  const kind = target.kind === "relation" ? "relations" : "annotations";
  return `/api/workspaces/${encodeURIComponent(workspaceId)}/${kind}/${encodeURIComponent(target.id)}`;
}

/** The discussion API, one function per route (see README: comments). */
export function commentApi(workspaceId: string) {
  const ws = `/api/workspaces/${encodeURIComponent(workspaceId)}`;
  const comment = (id: string) => `${ws}/comments/${encodeURIComponent(id)}`;
  return {
    /** `url`: the thread's path (threadUrl). */
    thread: (url: string) => api<ThreadView>(`${url}/comments`),
    /** `idempotencyKey`: one per "Send", so a repeat never posts the comment twice. */
    post: (url: string, body: JSONContent, idempotencyKey = newActionKey()) =>
      api<CommentView>(`${url}/comments`, { method: "POST", json: { body }, idempotencyKey }),
    setResolved: (url: string, resolved: boolean) =>
      api<ThreadView>(`${url}/thread`, { method: "POST", json: { resolved } }),
    edit: (id: string, version: number, body: JSONContent) =>
      api<CommentView>(comment(id), { method: "PATCH", json: { version, body } }),
    remove: (id: string) => api<CommentView>(comment(id), { method: "DELETE" }),
    restore: (id: string) => api<CommentView>(`${comment(id)}/restore`, { method: "POST" }),
    hide: (id: string, hidden: boolean) =>
      api<CommentView>(`${comment(id)}/hide`, { method: "POST", json: { hidden } }),
    history: (id: string) => api<{ text: string; createdAt: string }[]>(`${comment(id)}/history`),
    summaries: (articleId: string) => api<ThreadSummary[]>(`${ws}/articles/${encodeURIComponent(articleId)}/threads`),
  };
}

export type CommentApi = ReturnType<typeof commentApi>;
