import { z } from "zod";
import { storableDate, text } from "@/lib/validations/storable";

export const MAX_NOTE_LENGTH = 5_000;
export const MAX_QUOTE_LENGTH = 20_000;

const id = text().min(1).max(64);
const note = text().trim().max(MAX_NOTE_LENGTH, `A note can be at most ${MAX_NOTE_LENGTH} characters.`);

/** A new highlight: offsets into the revision's canonical text plus the quote they slice. */
export const createAnnotationSchema = z
  .object({
    revisionId: id,
    start: z.number().int("Offsets are whole numbers.").min(0, "start cannot be negative."),
    end: z.number().int("Offsets are whole numbers.").min(1),
    exact: text().min(1, "The quote is empty.").max(MAX_QUOTE_LENGTH, "The quote is too long."),
    entityId: id.nullish(),
    note: note.nullish(),
  })
  .refine((v) => v.start < v.end, { message: "end must be greater than start.", path: ["end"] });
export type CreateAnnotationInput = z.infer<typeof createAnnotationSchema>;

/** A change to a highlight; `version` is the one the client last saw (stale → 409). `range` re-attaches it. */
export const updateAnnotationSchema = z.object({
  version: z.number().int().min(1),
  entityId: id.nullish(),
  note: note.nullish(),
  range: z
    .object({
      revisionId: id,
      start: z.number().int().min(0),
      end: z.number().int().min(1),
      exact: text().min(1).max(MAX_QUOTE_LENGTH),
    })
    .refine((v) => v.start < v.end, { message: "end must be greater than start.", path: ["end"] })
    .optional(),
});
export type UpdateAnnotationInput = z.infer<typeof updateAnnotationSchema>;

export const annotationStatusSchema = z.enum(["PROPOSED", "ACCEPTED", "REJECTED"]);

export const annotationListQuerySchema = z.object({
  status: annotationStatusSchema.optional(),
  entityTypeId: id.optional(),
  entityId: id.optional(),
  authorId: id.optional(),
  /** Only these annotations (comma-separated), e.g. those a live event named. */
  ids: text()
    .transform((v) => v.split(",").filter(Boolean))
    .pipe(z.array(id).max(500, "At most 500 ids at once."))
    .optional(),
  cursor: id.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export type AnnotationListQuery = z.infer<typeof annotationListQuerySchema>;

/** The workspace's annotations across articles (for API clients), oldest first, a page at a time. */
export const workspaceAnnotationListQuerySchema = annotationListQuerySchema.omit({ ids: true }).extend({
  articleId: id.optional(),
  /** Only annotations changed at or after this instant (ISO 8601), e.g. the time of the previous sync. */
  updatedSince: z.iso
    .datetime({ offset: true, message: "Use an ISO 8601 date-time such as 2026-01-31T12:00:00Z." })
    .refine(...storableDate)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type WorkspaceAnnotationListQuery = z.infer<typeof workspaceAnnotationListQuerySchema>;

export const MAX_BATCH = 1000;

/** Several highlights at once ("Tag all occurrences", accepting suggestions): all or none. */
export const createAnnotationBatchSchema = z.object({
  items: z.array(createAnnotationSchema).min(1, "Nothing to create.").max(MAX_BATCH, `At most ${MAX_BATCH} at once.`),
});

/** An entity type as annotations name it. */
export const entityTypeRefSchema = z.object({ id: z.string(), name: z.string(), color: z.string() });

/**
 * An annotation as the web app holds it, from the article page, the API's
 * answers and live updates. Lenient where the API may send a partial shape:
 * an entity whose type is archived or not loaded comes with `type: null`, a
 * missing note or author name has a default, and the quote's context
 * (`prefix`, `suffix`) is sent for orphaned annotations only. The client's
 * `AnnotationItem` type is inferred from it, so every view handles those cases.
 */
export const annotationItemSchema = z.object({
  id: z.string().min(1),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  exact: z.string().catch(""),
  status: annotationStatusSchema,
  anchorState: z.enum(["ANCHORED", "MOVED", "ORPHANED"]).catch("ANCHORED"),
  version: z.number().int(),
  note: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  createdAt: z.string().catch(""),
  author: z.object({ id: z.string(), name: z.string().catch("Unknown member") }),
  entity: z
    .object({ id: z.string(), name: z.string().catch(""), type: entityTypeRefSchema.nullish().catch(null) })
    .transform((e) => ({ ...e, type: e.type ?? null }))
    .nullish()
    .transform((v) => v ?? null),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
export type AnnotationItemShape = z.infer<typeof annotationItemSchema>;
