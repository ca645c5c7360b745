import type { AnnotationItemShape } from "@/lib/validations/annotation";

/**
 * An annotation on the client (dates as ISO strings): what the article page
 * sends (`decodeAnnotations`), and what the API returns read through
 * `annotationItemSchema` (`parseAnnotations`). Its entity's `type` may be
 * null (archived or not loaded): views show the entity without it.
 */
export type AnnotationItem = AnnotationItemShape;

/** What a view shows for an entity whose type is not known. */
export const UNKNOWN_TYPE_LABEL = "type unavailable";

/** The colour of a highlight whose entity's type is not known. */
export const UNKNOWN_TYPE_COLOR = "#9aa0a8";

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

/** The colour a highlight of `entity` is drawn in: its type's, the untagged one, or grey when the type is not known. */
export function entityColor(entity: AnnotationItem["entity"]): string {
  return entity ? (entity.type?.color ?? UNKNOWN_TYPE_COLOR) : UNTAGGED_COLOR;
}

/** The name of `entity`'s type, or what a view shows when it is not known. */
export function entityTypeName(entity: NonNullable<AnnotationItem["entity"]>): string {
  return entity.type?.name ?? UNKNOWN_TYPE_LABEL;
}
