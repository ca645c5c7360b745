/**
 * The events that live connections carry. Shared by the server (publishing,
 * streaming) and the client (applying): each names what changed by id, with
 * small deltas; clients fetch anything bigger.
 */
export type LiveEventType =
  | "annotation.changed"
  | "relation.changed"
  | "comment.changed"
  | "thread.changed"
  | "article.revised"
  | "notification.created"
  | "presence.changed"
  | "member.changed"
  /** Sent to the assignee only: their assignment was created, changed, submitted or removed. */
  | "assignment.changed";

export type LiveEventData = {
  "annotation.changed": { annotationIds: string[] };
  "relation.changed": { relationIds: string[] };
  /** A thread is an annotation's or a relation's: exactly one of the two ids is set. */
  "comment.changed": { annotationId: string | null; relationId: string | null; commentId: string };
  "thread.changed": { annotationId: string | null; relationId: string | null; resolved: boolean };
  "article.revised": { revisionId: string; number: number };
  "notification.created": { notificationId: string };
  "presence.changed": Record<string, never>;
  "member.changed": { userId: string };
  "assignment.changed": { assignmentId: string; articleId: string };
};

/** One event as a stream delivers it; `seq` is its SSE id. */
export type LiveMessage<T extends LiveEventType = LiveEventType> = {
  seq: string;
  type: T;
  workspaceId: string;
  articleId: string | null;
  data: LiveEventData[T];
};
