import type { JSONContent } from "@tiptap/core";
import type { CommentView, ThreadSummary, ThreadView } from "@/lib/comments/comment-view";
import { api, newActionKey } from "@/lib/client/api";

/** The discussion API, one function per route (see README: comments). */
export function commentApi(workspaceId: string) {
  const ws = `/api/workspaces/${encodeURIComponent(workspaceId)}`;
  const comment = (id: string) => `${ws}/comments/${encodeURIComponent(id)}`;
  const annotation = (id: string) => `${ws}/annotations/${encodeURIComponent(id)}`;
  return {
    thread: (annotationId: string) => api<ThreadView>(`${annotation(annotationId)}/comments`),
    /** `idempotencyKey`: one per "Send", so a repeat never posts the comment twice. */
    post: (annotationId: string, body: JSONContent, idempotencyKey = newActionKey()) =>
      api<CommentView>(`${annotation(annotationId)}/comments`, { method: "POST", json: { body }, idempotencyKey }),
    setResolved: (annotationId: string, resolved: boolean) =>
      api<ThreadView>(`${annotation(annotationId)}/thread`, { method: "POST", json: { resolved } }),
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
