import { z } from "zod";
import { searchKinds } from "@/lib/search/parse-query";
import { exportQueryBaseSchema } from "@/lib/validations/export";

/** Longest `q` accepted (a longer one answers 400). */
export const MAX_SEARCH_QUERY_LENGTH = 2000;

/** The query string of GET …/search. `q` may hold any characters; see lib/search/parse-query.ts for its syntax. */
export const searchQuerySchema = z.object({
  q: z.string().max(MAX_SEARCH_QUERY_LENGTH, `Use at most ${MAX_SEARCH_QUERY_LENGTH} characters.`).default(""),
  /** Only results of this kind (the facets still count every kind). */
  kind: z.enum(searchKinds).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** From the previous page's `nextCursor`. */
  cursor: z
    .string()
    .regex(/^\d{1,6}$/, "Use the nextCursor of the previous page.")
    .optional(),
});
export type SearchQueryParams = z.infer<typeof searchQuerySchema>;

export const searchSuggestQuerySchema = z.object({
  q: z.string().max(200, "Use at most 200 characters.").default(""),
  /** `names`: entities, articles and members only; `hits`: annotations and passages only; both when absent. */
  part: z.enum(["names", "hits"]).optional(),
});

const range = z.tuple([z.number().int(), z.number().int()]);

export const searchResultSchema = z.object({
  kind: z.enum(searchKinds),
  /** The passage (`<revisionId>:<paragraph>`), annotation, comment, entity or article id. */
  id: z.string(),
  articleId: z.string().optional(),
  /** For a comment in an annotation's thread: the annotation. */
  annotationId: z.string().optional(),
  /** For a comment in a relation's thread: the relation (no `annotationId` then). */
  relationId: z.string().optional(),
  /** For a comment in a relation's thread: the relation as the reader labels it, "leads: Ahmad Massoud → National Resistance Front" (ends: entity name, else quote). */
  relationLabel: z.string().optional(),
  entityId: z.string().optional(),
  snippet: z.string(),
  /** Matched words as UTF-16 offsets into `snippet`, end exclusive. */
  highlights: z.array(range),
  score: z.number(),
  /** For passages and annotations: the first match (passages) or the annotation, as UTF-16 offsets into the revision's canonical text. */
  range: range.optional(),
  articleTitle: z.string().optional(),
  entityName: z.string().optional(),
  entityTypeId: z.string().optional(),
  authorName: z.string().optional(),
  status: z.enum(["PROPOSED", "ACCEPTED", "REJECTED"]).optional(),
  /** An annotation's version (send it with a review or an edit). */
  version: z.number().int().optional(),
  date: z.string(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

const facetValue = z.object({ id: z.string(), label: z.string(), count: z.number().int() });

export const searchFacetsSchema = z.object({
  kind: z.record(z.string(), z.number().int()),
  entityType: z.array(facetValue),
  entity: z.array(facetValue),
  author: z.array(facetValue),
  status: z.array(facetValue),
  article: z.array(facetValue),
  /** Matches per year (`id` is the year). */
  date: z.array(facetValue),
});
export type SearchFacets = z.infer<typeof searchFacetsSchema>;

export const searchResponseSchema = z.object({
  data: z.array(searchResultSchema),
  facets: searchFacetsSchema,
  total: z.number().int(),
  nextCursor: z.string().nullable(),
  /** A query with a misspelled name replaced by the closest entity name, when few results were found. */
  didYouMean: z.string().nullable(),
  /**
   * First page only, when the query finds fewer than 1,000: results for
   * entity names spelled closely to the query's words ("Masood" → "Massoud",
   * trigram similarity) that the query itself does not find, best first (at
   * most 10; not counted in facets or `total`).
   */
  similar: z.array(searchResultSchema),
  /** When nothing is found because every word is too common to search for ("the"): those words. */
  tooCommon: z.array(z.string()),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const suggestItemSchema = z.object({
  kind: z.enum(["article", "entity", "annotation", "member", "passage"]),
  id: z.string(),
  label: z.string(),
  detail: z.string().optional(),
  articleId: z.string().optional(),
  /** Offsets into the revision's canonical text to open the reader at. */
  range: range.optional(),
});
export type SuggestItem = z.infer<typeof suggestItemSchema>;

export const suggestResponseSchema = z.object({ data: z.array(suggestItemSchema), didYouMean: z.string().nullable() });

/** POST …/search/tag: tag the matches of a passage search as an entity (or preview that). */
export const tagSearchSchema = z.object({
  q: z
    .string()
    .max(MAX_SEARCH_QUERY_LENGTH)
    .refine((v) => !v.includes("\u0000"), "The query contains U+0000."),
  entityId: z.string().min(1).max(64),
  /** Only these passages (`<revisionId>:<paragraph>` from the results); all matching passages without it. */
  passageIds: z.array(z.string().min(1).max(200)).max(10_000).optional(),
  /** Count and sample only; create nothing. */
  preview: z.boolean().default(false),
});

/** POST …/search/tag/undo: the ids a tag-all answered. */
export const undoTagSearchSchema = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(10_000) });

export const tagPreviewSchema = z.object({
  count: z.number().int(),
  articles: z.number().int(),
  sample: z.array(
    z.object({
      articleId: z.string(),
      articleTitle: z.string(),
      exact: z.string(),
      start: z.number().int(),
      end: z.number().int(),
    }),
  ),
});
export const tagResultSchema = z.object({ ids: z.array(z.string()), count: z.number().int() });

/** The most annotations one Change entity (or its undo) sets at once. */
export const MAX_ENTITY_BATCH = 500;

/**
 * POST …/annotations/entity: set the entity of many annotations, all or none,
 * each at the version the caller saw. Change entity sends one `entityId` for
 * all; its Undo sends each annotation's previous entity (`null`: untagged).
 */
export const setAnnotationEntitiesSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        version: z.number().int().min(1),
        entityId: z.string().min(1).max(64).nullable(),
      }),
    )
    .min(1, "Pick at least one annotation.")
    .max(MAX_ENTITY_BATCH, `At most ${MAX_ENTITY_BATCH} at once.`)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, "An annotation is listed twice."),
});
export type SetAnnotationEntitiesInput = z.infer<typeof setAnnotationEntitiesSchema>;

export const setAnnotationEntitiesResultSchema = z.object({
  /** Each annotation's new version and the entity it had before (send these back to undo). */
  items: z.array(z.object({ id: z.string(), version: z.number().int(), previousEntityId: z.string().nullable() })),
});
export type SetAnnotationEntitiesResult = z.infer<typeof setAnnotationEntitiesResultSchema>;

/** GET …/search/export: the annotation results of `q` in an export format. */
export const searchExportQuerySchema = exportQueryBaseSchema
  .pick({ format: true, untaggedLabel: true })
  .extend({ q: searchQuerySchema.shape.q });
