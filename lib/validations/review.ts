import { z } from "zod";
import { storableDate, text } from "@/lib/validations/storable";

export const MAX_REJECTION_REASON = 2_000;
export const MAX_REVIEW_BATCH = 500;

const id = text().min(1).max(64);
const decision = z.enum(["ACCEPTED", "REJECTED", "PROPOSED"], {
  message: "A decision is ACCEPTED, REJECTED or PROPOSED (back to undecided).",
});
const reason = text()
  .trim()
  .max(MAX_REJECTION_REASON, `A reason can be at most ${MAX_REJECTION_REASON} characters.`)
  .optional();

const requireReasonToReject = <T extends { decision: string; reason?: string }>(v: T) =>
  v.decision !== "REJECTED" || Boolean(v.reason);
const reasonMessage = { message: "Say why it is rejected.", path: ["reason"] };

/** A decision on one annotation; `version` is the one the reviewer saw (stale → 409). */
export const reviewSchema = z
  .object({ version: z.number().int().min(1), decision, reason })
  .refine(requireReasonToReject, reasonMessage);
export type ReviewInput = z.infer<typeof reviewSchema>;

/** One decision on many annotations (a filtered selection in the queue): all or none. */
export const batchReviewSchema = z
  .object({
    items: z
      .array(z.object({ id, version: z.number().int().min(1) }))
      .min(1, "Nothing to review.")
      .max(MAX_REVIEW_BATCH, `At most ${MAX_REVIEW_BATCH} at once.`),
    decision,
    reason,
  })
  .refine(requireReasonToReject, reasonMessage);

const isoDate = text()
  .refine((v) => !Number.isNaN(Date.parse(v)), "Use a date such as 2026-11-25.")
  .refine(...storableDate)
  .transform((v) => new Date(v));

/** The review queue's filters; by default the undecided annotations, oldest first. */
export const reviewQueueQuerySchema = z.object({
  status: z.enum(["PROPOSED", "ACCEPTED", "REJECTED"]).default("PROPOSED"),
  articleId: id.optional(),
  entityTypeId: id.optional(),
  authorId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuerySchema>;

/** The relation review queue's filters; by default the undecided relations, oldest first. */
export const relationReviewQueueQuerySchema = reviewQueueQuerySchema
  .omit({ entityTypeId: true })
  .extend({ relationTypeId: id.optional() });
export type RelationReviewQueueQuery = z.infer<typeof relationReviewQueueQuerySchema>;
