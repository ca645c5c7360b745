/**
 * How mentions and weights become sizes on screen, in pixels at the default
 * zoom. Square-root scaling, so that area (what the eye compares) grows with
 * the count rather than the radius.
 */

export const MIN_NODE_SIZE = 3;
export const MAX_NODE_SIZE = 18;
/** Nodes drawn at least this large carry their label at the default zoom; zooming in reveals the rest. */
export const LABEL_SIZE_THRESHOLD = 8;

export function nodeSize(mentions: number, maxMentions: number): number {
  if (maxMentions <= 1) return MIN_NODE_SIZE + 2;
  return MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt((mentions - 1) / (maxMentions - 1));
}

export function edgeSize(weight: number, maxWeight: number): number {
  if (maxWeight <= 1) return 1;
  return 0.6 + 3.4 * (Math.log(weight) / Math.log(maxWeight));
}
