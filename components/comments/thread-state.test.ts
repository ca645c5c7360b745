import { describe, expect, it } from "vitest";
import type { CommentView, ThreadView } from "@/lib/comments/comment-view";
import { describeThread, filterByThread, mergeThread, withComment } from "./thread-state";

const comment = (id: string, createdAt: string, extra: Partial<CommentView> = {}): CommentView => ({
  id,
  annotationId: "a",
  relationId: null,
  author: { id: "u", name: "Ana" },
  state: "visible",
  body: { type: "doc", content: [] },
  version: 1,
  createdAt,
  editedAt: null,
  ...extra,
});
const thread = (...comments: CommentView[]): ThreadView => ({
  annotationId: "a",
  relationId: null,
  resolved: false,
  resolvedAt: null,
  resolvedBy: null,
  comments,
});

describe("thread state", () => {
  it("adds a comment once, in time order", () => {
    const t = thread(comment("1", "2026-01-01T10:00:00Z"), comment("3", "2026-01-01T12:00:00Z"));
    const added = withComment(t, comment("2", "2026-01-01T11:00:00Z"));
    expect(added.comments.map((c) => c.id)).toEqual(["1", "2", "3"]);
    expect(withComment(added, comment("2", "2026-01-01T11:00:00Z", { version: 2 })).comments).toHaveLength(3);
  });

  it("takes a fresh load but keeps comments held in a newer version", () => {
    const local = thread(comment("1", "2026-01-01T10:00:00Z", { version: 3 }));
    const fresh = {
      ...thread(comment("1", "2026-01-01T10:00:00Z", { version: 2 }), comment("2", "2026-01-02T10:00:00Z")),
      resolved: true,
    };
    const merged = mergeThread(local, fresh);
    expect(merged.resolved).toBe(true);
    expect(merged.comments.map((c) => [c.id, c.version])).toEqual([
      ["1", 3],
      ["2", 1],
    ]);
  });
});

describe("thread filter", () => {
  const summaries = new Map([
    ["open", { annotationId: "open", comments: 2, resolved: false }],
    ["done", { annotationId: "done", comments: 1, resolved: true }],
    ["empty", { annotationId: "empty", comments: 0, resolved: false }],
  ]);
  const rows = [{ id: "open" }, { id: "done" }, { id: "empty" }, { id: "none" }];

  it("keeps open or resolved threads", () => {
    expect(filterByThread(rows, summaries, "all")).toBe(rows);
    expect(filterByThread(rows, summaries, "open").map((r) => r.id)).toEqual(["open"]);
    expect(filterByThread(rows, summaries, "resolved").map((r) => r.id)).toEqual(["done"]);
  });

  it("describes a thread for screen readers", () => {
    expect(describeThread(summaries.get("open"))).toBe("2 comments");
    expect(describeThread(summaries.get("done"))).toBe("1 comment, resolved");
    expect(describeThread(summaries.get("empty"))).toBe("");
    expect(describeThread(undefined)).toBe("");
  });
});
