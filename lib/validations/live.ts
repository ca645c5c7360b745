import { z } from "zod";
import { text } from "@/lib/validations/storable";

const id = text().min(1).max(64);

/** The event stream's query: an optional article, and where the client left off (`Last-Event-ID`). */
export const eventStreamQuerySchema = z.object({
  articleId: id.optional(),
  lastEventId: text().optional(),
});

/** The largest event id (`seq` is a PostgreSQL bigint). */
const MAX_EVENT_ID = 9_223_372_036_854_775_807n;

/** `Last-Event-ID`: an event id the stream can have sent, so a whole number within bigint. */
export const lastEventIdSchema = text()
  .regex(/^\d{1,19}$/, "Last-Event-ID must be an event id.")
  .transform((v) => BigInt(v))
  .refine((v) => v <= MAX_EVENT_ID, "Last-Event-ID must be an event id.");

/**
 * What a reader has selected, for the others' presence markers, and the
 * annotation they are linking from while a relation is pending (null: none;
 * left out: unchanged).
 */
export const presenceSelectionSchema = z.object({
  connectionId: id,
  selectedAnnotationId: id.nullable(),
  linkingFromId: id.nullable().optional(),
});
