import type { AnnotationItem } from "@/components/annotations/types";
import type { RelationItem } from "@/lib/validations/relation";

/** An annotation in the review queue, as `GET …/review-queue` returns it. */
export type QueueItem = AnnotationItem & {
  article: { id: string; title: string };
  /** Its paragraph (cut around the highlight when long), with the highlight's offsets in it. */
  context: { text: string; start: number; end: number; clippedStart: boolean; clippedEnd: boolean } | null;
  comments: number;
};

type Context = QueueItem["context"];

/** A relation in the relation review queue, as `GET …/relation-review-queue` returns it. */
export type RelationQueueItem = Omit<RelationItem, "source" | "target"> & {
  article: { id: string; title: string };
  source: RelationEnd;
  target: RelationEnd;
  rejectionReason: string | null;
  createdAt: string;
  /** The paragraph around each end (null when a revision orphaned it). */
  sourceContext: Context;
  targetContext: Context;
};

export type RelationEnd = {
  id: string;
  exact: string;
  anchorState: "ANCHORED" | "MOVED" | "ORPHANED";
  entity: { id: string; name: string; typeId: string } | null;
};
