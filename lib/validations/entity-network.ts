import { z } from "zod";
import { text } from "@/lib/validations/storable";

const id = text().min(1).max(64);

/** Filters of the entity network, from the query string (`typeId` may repeat). */
export const entityNetworkQuerySchema = z.object({
  articleId: id.optional(),
  typeId: z.array(id).max(100).optional(),
  minWeight: z.coerce.number().int().min(1).max(1_000_000).default(1),
});
export type EntityNetworkQuery = z.infer<typeof entityNetworkQuerySchema>;

/** An edge of the network (two distinct entities), whose shared paragraphs to list. */
export const cooccurrencePassagesQuerySchema = z
  .object({ source: id, target: id, articleId: id.optional() })
  .refine((q) => q.source !== q.target, { message: "Choose two different entities.", path: ["target"] });

/** The query string as an object for the schemas above, keeping every value of a repeated key as an array. */
export function searchParamsObject(params: URLSearchParams, repeated: string[] = []): Record<string, unknown> {
  const object: Record<string, unknown> = Object.fromEntries(params);
  for (const key of repeated) {
    const values = params.getAll(key).filter(Boolean);
    object[key] = values.length ? values : undefined;
  }
  return object;
}
