import type { JSONContent } from "@tiptap/core";

/** A person as comments and notifications show them. */
export type PersonRef = { id: string; name: string };

/**
 * A comment as the API returns it. Deleted and hidden comments keep their
 * place in the thread (replies stay) but carry no body.
 */
export type CommentView = {
  id: string;
  /** The thread: exactly one of annotationId and relationId is set. */
  annotationId: string | null;
  relationId: string | null;
  author: PersonRef;
  state: "visible" | "deleted" | "hidden";
  /** Tiptap JSON of the comment schema; null unless visible. */
  body: JSONContent | null;
  version: number;
  createdAt: string;
  /** When the body was last edited (the "edited" marker), or null. */
  editedAt: string | null;
};

/** An annotation's or a relation's discussion (exactly one id is set). */
export type ThreadView = {
  annotationId: string | null;
  relationId: string | null;
  resolved: boolean;
  resolvedAt: string | null;
  resolvedBy: PersonRef | null;
  comments: CommentView[];
};

/** An inbox entry. `href` opens the article at the comment. */
export type NotificationView = {
  id: string;
  kind: "MENTION" | "REPLY" | "REVIEW" | "ASSIGNMENT";
  actor: PersonRef | null;
  articleId: string;
  articleTitle: string;
  /** Null for an assignment (about the whole article) and for a relation's thread. */
  annotationId: string | null;
  /** Set for a comment in a relation's thread. */
  relationId: string | null;
  commentId: string | null;
  /** The start of the comment's text, for the list. */
  excerpt: string;
  readAt: string | null;
  createdAt: string;
  href: string;
};

/** What the thread counts on highlights come from. */
export type ThreadSummary = { annotationId: string; comments: number; resolved: boolean };
