import { annotationItemSchema } from "@/lib/validations/annotation";
import type { AnnotationItem } from "./types";

/**
 * Reads annotations from an API answer with the shared schema: partial shapes
 * (an entity without its type, a missing note) get their defaults, and a row
 * the reader cannot show at all (no id or offsets) is left out and reported
 * in `unreadableIds` when it names its id, so a caller never takes it for
 * a deletion.
 */
export function parseAnnotations(raw: unknown): { items: AnnotationItem[]; unreadableIds: string[] } {
  const items: AnnotationItem[] = [];
  const unreadableIds: string[] = [];
  for (const row of Array.isArray(raw) ? raw : []) {
    const parsed = annotationItemSchema.safeParse(row);
    if (parsed.success) items.push(parsed.data);
    else {
      const id = (row as { id?: unknown } | null)?.id;
      if (typeof id === "string") unreadableIds.push(id);
      console.warn("An annotation could not be read:", parsed.error.issues);
    }
  }
  return { items, unreadableIds };
}

/** One annotation from an API answer, or null when it cannot be shown (see `parseAnnotations`). */
export function parseAnnotation(raw: unknown): AnnotationItem | null {
  return parseAnnotations([raw]).items[0] ?? null;
}
