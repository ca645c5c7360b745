import { z } from "zod";
import type { RelationTypeItem } from "@/lib/validations/relation";

/** What the settings form edits: a relation type without its id. */
export type RelationTypeFormValues = Omit<RelationTypeItem, "id">;

/** The id of the settings section where owners and reviewers manage relation types. */
export const RELATION_TYPES_SECTION_ID = "relation-types";

/** Where the workspace's relation types are managed (the reader's type menu links there). */
export function relationTypesSettingsHref(workspaceId: string): string {
  return `/w/${workspaceId}/settings#${RELATION_TYPES_SECTION_ID}`;
}

type Ends = Pick<RelationTypeItem, "directed" | "sourceTypeIds" | "targetTypeIds">;

/**
 * The entity types a relation type links, for people: "Person → Organization",
 * "any → Location", "Person ↔ Person" (symmetric), "Person or Event → any".
 * `nameOf` names an entity type id (an archived or unknown one included).
 */
export function describeRelationEnds(type: Ends, nameOf: (entityTypeId: string) => string): string {
  const side = (ids: string[]) => (ids.length ? ids.map(nameOf).join(" or ") : "any");
  return `${side(type.sourceTypeIds)} ${type.directed ? "→" : "↔"} ${side(type.targetTypeIds)}`;
}

/** How the type reads from its target: its inverse label, or "both ways" when symmetric. */
export function describeInverse(type: Pick<RelationTypeItem, "directed" | "inverseLabel">): string | null {
  return type.directed ? type.inverseLabel || null : "both ways";
}

/** The values of a relation type form (see RelationTypeFields), normalised as the API stores them. */
export function readRelationTypeForm(form: FormData): RelationTypeFormValues {
  const text = (key: string) => String(form.get(key) ?? "").trim();
  const directed = form.get("direction") !== "symmetric";
  return {
    name: text("name"),
    inverseLabel: directed ? text("inverseLabel") || null : null,
    directed,
    sourceTypeIds: form.getAll("sourceTypeIds").map(String),
    targetTypeIds: form.getAll("targetTypeIds").map(String),
    color: text("color").toLowerCase(),
    shortcut: text("shortcut").toLowerCase() || null,
  };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** Only the fields of `next` that differ from `current` (entity type lists compared as sets), for a PATCH. */
export function changedRelationTypeFields(
  current: RelationTypeFormValues,
  next: RelationTypeFormValues,
): Partial<RelationTypeFormValues> {
  const changes: Partial<RelationTypeFormValues> = {};
  if (next.name !== current.name) changes.name = next.name;
  if (next.directed !== current.directed) changes.directed = next.directed;
  if (next.directed && next.inverseLabel !== (current.inverseLabel || null)) changes.inverseLabel = next.inverseLabel;
  if (!sameSet(next.sourceTypeIds, current.sourceTypeIds)) changes.sourceTypeIds = next.sourceTypeIds;
  if (!sameSet(next.targetTypeIds, current.targetTypeIds)) changes.targetTypeIds = next.targetTypeIds;
  if (next.color.toLowerCase() !== current.color.toLowerCase()) changes.color = next.color;
  if (next.shortcut !== current.shortcut) changes.shortcut = next.shortcut;
  return changes;
}

/** A shared zod schema's verdict on a form, in the API's `fieldErrors` shape; null when it passes. */
export function clientFieldErrors(schema: z.ZodType, input: unknown): Record<string, string[]> | null {
  const result = schema.safeParse(input);
  if (result.success) return null;
  return z.flattenError(result.error).fieldErrors as Record<string, string[]>;
}
