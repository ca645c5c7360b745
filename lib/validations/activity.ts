import { z } from "zod";
import { text } from "@/lib/validations/storable";

/** A page of the activity log, newest first. */
export const activityQuerySchema = z.object({
  cursor: text().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date as YYYY-MM-DD.")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Use a date as YYYY-MM-DD.");

/** The activity log's export: `from`/`to` are UTC days, both included. */
export const activityExportQuerySchema = z
  .object({ from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "`from` must not be after `to`.", path: ["from"] });
