import type { DecodedAnnotation } from "@/lib/annotations/compact-annotations";

/**
 * An annotation on the client (dates as ISO strings): what the article page
 * sends (`decodeAnnotations`), and a subset of what the API returns.
 */
export type AnnotationItem = DecodedAnnotation;

export type EntityTypeItem = { id: string; name: string; color: string; shortcut: string | null };

export type EntityItem = {
  id: string;
  name: string;
  aliases: string[];
  description: string | null;
  externalId: string | null;
  type: { id: string; name: string; color: string };
};

/** The colour of a highlight without an entity. */
export const UNTAGGED_COLOR = "#f5c542";
