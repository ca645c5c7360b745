import { z } from "zod";
import { apiRoute, dataOf } from "@/lib/openapi/registry";
import { pathParams } from "@/lib/openapi/schemas";
import {
  searchQuerySchema,
  searchResponseSchema,
  searchSuggestQuerySchema,
  suggestResponseSchema,
  tagPreviewSchema,
  tagResultSchema,
  tagSearchSchema,
  undoTagSearchSchema,
} from "@/lib/validations/search";

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/search",
  tag: "Search",
  summary: "Search everything",
  description:
    'Passages of the articles\' current text, annotations (quote, note, entity, author), comments, entities (name, aliases, description) and article titles — only what the caller may see (deleted, hidden and blind-hidden items are never found, not even in the facets). `q` takes words, `"exact phrases"`, `OR`, `-exclusions` and the filters `type:`, `entity:`, `author:`, `status:`, `article:`, `before:`, `after:` (YYYY-MM-DD) and `kind:`; any text is a valid query (operator characters are plain text). Matching ignores case and accents, folds Arabic diacritics and letter variants, stems English words and finds Chinese and Japanese words inside sentences. `highlights` are UTF-16 offsets into `snippet`. 400 for a filter value that means nothing (`status:maybe`) or a `q` over 2,000 characters.',
  permission: "search.read",
  params: pathParams.workspace,
  query: searchQuerySchema,
  response: {
    status: 200,
    description: "One page of results, best first, and the facets.",
    schema: searchResponseSchema,
  },
  errors: [400],
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/search/suggest",
  tag: "Search",
  summary: "Suggestions for the command palette",
  description:
    "Entities, articles, members, annotations and passages for a query as it is typed, a few of each; entities spelled closely when none contains the text (`didYouMean`).",
  permission: "search.read",
  params: pathParams.workspace,
  query: searchSuggestQuerySchema,
  response: { status: 200, description: "The suggestions.", schema: suggestResponseSchema },
  errors: [400],
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/search/tag",
  tag: "Search",
  summary: "Tag a passage search's matches as an entity",
  description:
    "Every place the query's words (or an `entity:` filter's names) occur in the passages the query finds — or only in `passageIds` — that nobody visible to the caller has highlighted there yet, becomes an annotation by the caller tagged with `entityId`, in one transaction (at most 10,000; 422 beyond). `preview: true` answers the count, the number of articles and a sample, creating nothing. 409 when an article's text changed meanwhile.",
  permission: "annotation.create",
  params: pathParams.workspace,
  body: tagSearchSchema,
  response: {
    status: 201,
    description: "The new annotations' ids (with `preview`: 200 and the preview).",
    schema: dataOf(z.union([tagResultSchema, tagPreviewSchema])),
  },
  errors: [400, 409, 422],
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/search/tag/undo",
  tag: "Search",
  summary: "Undo a tag-all",
  description: "Soft-deletes those of `ids` that the caller created and are still live, in one transaction.",
  permission: "annotation.create",
  params: pathParams.workspace,
  body: undoTagSearchSchema,
  response: {
    status: 200,
    description: "How many were removed.",
    schema: dataOf(z.object({ count: z.number().int() })),
  },
  errors: [422],
});
