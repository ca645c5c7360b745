import { z } from "zod";
import { text } from "@/lib/validations/storable";

export const MAX_ANALYSTS = 20;
export const MAX_CURATION_ITEMS = 5_000;

const id = text().min(1).max(64);

/** The agreement view's query: whose annotations (`analyst` repeats; default everyone who annotated), which tokens. */
export const agreementQuerySchema = z.object({
  analyst: z.array(id).max(MAX_ANALYSTS, `Compare at most ${MAX_ANALYSTS} analysts.`).optional(),
  units: z.enum(["all", "annotated"]).default("all"),
  format: z.enum(["json", "csv"]).default("json"),
  /**
   * The entity type (name) whose figures each pair's cell carries; empty for
   * the pairs' overall figures only; absent for every type (the most work).
   * When given, the pairs' Cohen results come without `categories` and `table`.
   */
  pairType: text().max(200).optional(),
});
export type AgreementQuery = z.infer<typeof agreementQuerySchema>;

/** The analysts picked for curation (`analyst` repeats; default everyone who annotated). */
export const curationQuerySchema = agreementQuerySchema.pick({ analyst: true });

/**
 * A curation's decisions on one article's annotations, each at the version
 * the reviewer saw: accepted are the picks, rejected the rest of a decided
 * difference. All or none.
 */
export const applyCurationSchema = z.object({
  items: z
    .array(
      z.object({
        id,
        version: z.number().int().min(1),
        decision: z.enum(["ACCEPTED", "REJECTED"], { message: "A curation decision is ACCEPTED or REJECTED." }),
      }),
    )
    .min(1, "Nothing to apply: pick at least one difference.")
    .max(MAX_CURATION_ITEMS, `At most ${MAX_CURATION_ITEMS} annotations at once.`)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, "Each annotation once."),
});
export type ApplyCurationInput = z.infer<typeof applyCurationSchema>;

/**
 * A curation's decisions on one article's relations, each at the version the
 * reviewer saw: the kept reading of a difference accepted, the others
 * rejected. All or none.
 */
export const applyRelationCurationSchema = z.object({
  items: z
    .array(
      z.object({
        id,
        version: z.number().int().min(1),
        decision: z.enum(["ACCEPTED", "REJECTED"], { message: "A curation decision is ACCEPTED or REJECTED." }),
      }),
    )
    .min(1, "Nothing to apply: decide at least one difference.")
    .max(MAX_CURATION_ITEMS, `At most ${MAX_CURATION_ITEMS} relations at once.`)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, "Each relation once."),
});
export type ApplyRelationCurationInput = z.infer<typeof applyRelationCurationSchema>;
