import { z } from "zod";
import { MAX_SEARCH_QUERY_LENGTH } from "@/lib/validations/search";

const name = z
  .string()
  .trim()
  .min(1, "Give the search a name.")
  .max(100, "Use at most 100 characters.")
  .refine((v) => !v.includes("\u0000"), "The name contains U+0000.");

/** POST …/saved-searches: save a query (as typed on the search page) under a name. */
export const createSavedSearchSchema = z.object({
  name,
  query: z
    .string()
    .trim()
    .min(1, "Search for something first.")
    .max(MAX_SEARCH_QUERY_LENGTH, `Use at most ${MAX_SEARCH_QUERY_LENGTH} characters.`)
    .refine((v) => !v.includes("\u0000"), "The query contains U+0000."),
});
export type CreateSavedSearchInput = z.infer<typeof createSavedSearchSchema>;

/** PATCH …/saved-searches/:id: rename. */
export const updateSavedSearchSchema = z.object({ name });
export type UpdateSavedSearchInput = z.infer<typeof updateSavedSearchSchema>;

export const savedSearchSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  lastOpenedAt: z.string(),
  createdAt: z.string(),
  /** Matches the caller may see that were indexed (written, re-tagged, reviewed) since it was last opened. */
  newCount: z.number().int(),
});
export type SavedSearchView = z.infer<typeof savedSearchSchema>;
