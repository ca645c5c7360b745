import { z } from "zod";

/** A page of the activity log, newest first. */
export const activityQuerySchema = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
