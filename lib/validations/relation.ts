import { z } from "zod";
import { text } from "@/lib/validations/storable";
import { annotationStatusSchema, MAX_NOTE_LENGTH } from "@/lib/validations/annotation";
import { colorSchema, shortcutSchema, versionSchema } from "@/lib/validations/entity";

const id = text().min(1).max(64);
const name = text().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters.");
const label = text().trim().max(200, "Use at most 200 characters.");
const typeIds = z.array(id).max(50, "At most 50 entity types.");
const note = text().trim().max(MAX_NOTE_LENGTH, `A note can be at most ${MAX_NOTE_LENGTH} characters.`);

/** A relation type: `sourceTypeIds`/`targetTypeIds` are entity type ids an end's entity must have (empty: any). */
export const createRelationTypeSchema = z.object({
  name,
  inverseLabel: label.nullish(),
  directed: z.boolean().default(true),
  sourceTypeIds: typeIds.default([]),
  targetTypeIds: typeIds.default([]),
  color: colorSchema,
  shortcut: shortcutSchema,
});
export type CreateRelationTypeInput = z.infer<typeof createRelationTypeSchema>;

/** A change to a relation type; `version` is the one the client last saw (stale → 409). */
export const updateRelationTypeSchema = z.object({
  version: versionSchema,
  name: name.optional(),
  inverseLabel: label.nullish(),
  directed: z.boolean().optional(),
  sourceTypeIds: typeIds.optional(),
  targetTypeIds: typeIds.optional(),
  color: colorSchema.optional(),
  shortcut: shortcutSchema,
  archived: z.boolean().optional(),
});
export type UpdateRelationTypeInput = z.infer<typeof updateRelationTypeSchema>;

export const relationTypeListQuerySchema = z.object({
  /** `true` to include archived types. */
  archived: z.enum(["true", "false"]).optional(),
});

/** A new relation from one annotation to another of the same article. */
export const createRelationSchema = z
  .object({ sourceId: id, targetId: id, typeId: id, note: note.nullish() })
  .refine((v) => v.sourceId !== v.targetId, {
    message: "A relation links two different annotations.",
    path: ["targetId"],
  });
export type CreateRelationInput = z.infer<typeof createRelationSchema>;

/** A change to a relation; `version` is the one the client last saw (stale → 409). */
export const updateRelationSchema = z.object({
  version: z.number().int().min(1),
  typeId: id.optional(),
  note: note.nullish(),
  /** Swap source and target (for directed types). */
  reverse: z.boolean().optional(),
});
export type UpdateRelationInput = z.infer<typeof updateRelationSchema>;

export const relationListQuerySchema = z.object({
  status: annotationStatusSchema.optional(),
  typeId: id.optional(),
  /** Only relations with this annotation at either end. */
  annotationId: id.optional(),
  /** Only these relations (comma-separated), e.g. those a live event named. */
  ids: text()
    .transform((v) => v.split(",").filter(Boolean))
    .pipe(z.array(id).max(500, "At most 500 ids at once."))
    .optional(),
});
export type RelationListQuery = z.infer<typeof relationListQuerySchema>;

/** A relation type as the web app holds it. */
export type RelationTypeItem = {
  id: string;
  name: string;
  inverseLabel: string | null;
  directed: boolean;
  sourceTypeIds: string[];
  targetTypeIds: string[];
  color: string;
  shortcut: string | null;
};

/** A relation as the web app holds it (the API's answer, dates as strings). */
export type RelationItem = {
  id: string;
  version: number;
  status: "PROPOSED" | "ACCEPTED" | "REJECTED";
  note: string | null;
  flagged: boolean;
  type: { id: string; name: string; inverseLabel: string | null; directed: boolean; color: string };
  source: { id: string };
  target: { id: string };
  author: { id: string; name: string };
};

/**
 * Whether `type` may link an annotation whose entity has type `sourceTypeId`
 * to one of `targetTypeId` (null: untagged): the rule the API enforces (422).
 */
export function relationTypeAllows(
  type: Pick<RelationTypeItem, "sourceTypeIds" | "targetTypeIds">,
  sourceTypeId: string | null,
  targetTypeId: string | null,
): boolean {
  const fits = (allowed: string[], actual: string | null) => !allowed.length || (!!actual && allowed.includes(actual));
  return fits(type.sourceTypeIds, sourceTypeId) && fits(type.targetTypeIds, targetTypeId);
}
