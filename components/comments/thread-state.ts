import type { CommentView, ThreadSummary, ThreadView } from "@/lib/comments/comment-view";

const byTime = (a: CommentView, b: CommentView) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The thread with `comment` added or replaced (once, in time order). */
export function withComment(thread: ThreadView, comment: CommentView): ThreadView {
  const others = thread.comments.filter((c) => c.id !== comment.id);
  return { ...thread, comments: [...others, comment].sort(byTime) };
}

/**
 * A freshly loaded thread, except for comments the client holds in a newer
 * version (its own save answered after the load started).
 */
export function mergeThread(local: ThreadView, fresh: ThreadView): ThreadView {
  const mine = new Map(local.comments.map((c) => [c.id, c]));
  return {
    ...fresh,
    comments: fresh.comments.map((c) => {
      const held = mine.get(c.id);
      return held && held.version > c.version ? held : c;
    }),
  };
}

export type ThreadFilter = "all" | "open" | "resolved";

export const threadFilterLabels: Record<ThreadFilter, string> = {
  all: "All",
  open: "Open threads",
  resolved: "Resolved",
};

/** Keeps the annotations whose thread matches: any, open (with comments, not resolved), or resolved. */
export function filterByThread<T extends { id: string }>(
  annotations: readonly T[],
  summaries: ReadonlyMap<string, ThreadSummary>,
  filter: ThreadFilter,
): T[] {
  if (filter === "all") return annotations as T[];
  return annotations.filter((a) => {
    const s = summaries.get(a.id);
    if (!s) return false;
    return filter === "resolved" ? s.resolved : !s.resolved && s.comments > 0;
  });
}

/** "3 comments", "1 comment", or "" for none; " (resolved)" when so. */
export function describeThread(summary: ThreadSummary | undefined): string {
  if (!summary || (summary.comments === 0 && !summary.resolved)) return "";
  const count = `${summary.comments} ${summary.comments === 1 ? "comment" : "comments"}`;
  return summary.resolved ? `${count}, resolved` : count;
}
