import { z } from "zod";

const id = z.string().min(1).max(64);

/** The event stream's query: an optional article, and where the client left off (`Last-Event-ID`). */
export const eventStreamQuerySchema = z.object({
  articleId: id.optional(),
  lastEventId: z
    .string()
    .regex(/^\d{1,19}$/, "Last-Event-ID must be an event id.")
    .transform((v) => BigInt(v))
    .optional(),
});

/** What a reader has selected, for the others' presence markers. */
export const presenceSelectionSchema = z.object({
  connectionId: id,
  selectedAnnotationId: id.nullable(),
});
