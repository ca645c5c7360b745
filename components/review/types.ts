import type { AnnotationItem } from "@/components/annotations/types";

/** An annotation in the review queue, as `GET …/review-queue` returns it. */
export type QueueItem = AnnotationItem & {
  article: { id: string; title: string };
  /** Its paragraph (cut around the highlight when long), with the highlight's offsets in it. */
  context: { text: string; start: number; end: number; clippedStart: boolean; clippedEnd: boolean } | null;
  comments: number;
};
