import { z } from "zod";
import { text } from "@/lib/validations/storable";

/** A page of the activity log, newest first. */
export const activityQuerySchema = z.object({
  cursor: text().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
