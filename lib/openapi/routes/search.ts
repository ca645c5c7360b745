import { z } from "zod";
import { apiRoute, dataOf } from "@/lib/openapi/registry";
import { pathParams } from "@/lib/openapi/schemas";
import {
  searchQuerySchema,
  searchResponseSchema,
  searchSuggestQuerySchema,
  setAnnotationEntitiesResultSchema,
  setAnnotationEntitiesSchema,
  suggestResponseSchema,
  tagPreviewSchema,
  tagResultSchema,
  tagSearchSchema,
  undoTagSearchSchema,
} from "@/lib/validations/search";
import { createSavedSearchSchema, savedSearchSchema, updateSavedSearchSchema } from "@/lib/validations/saved-search";

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/search",
  tag: "Search",
  summary: "Search everything",
  description:
    'Passages of the articles\' current text, annotations (quote, note, entity, author), comments (in the threads of annotations, with `annotationId`, and of relations, with `relationId` and `relationLabel`), entities (name, aliases, description) and article titles — only what the caller may see (deleted, hidden and blind-hidden items are never found, not even in the facets). `q` takes words, `"exact phrases"`, `OR`, `-exclusions` and the filters `type:`, `entity:`, `author:`, `status:`, `article:`, `before:`, `after:` (YYYY-MM-DD) and `kind:`; any text is a valid query (operator characters are plain text). Matching ignores case and accents, folds Arabic diacritics and letter variants, stems English words and finds Chinese and Japanese words inside sentences. `highlights` are UTF-16 offsets into `snippet`. 400 for a filter value that means nothing (`status:maybe`) or a `q` over 2,000 characters.',
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
    "Entities, articles, members, annotations and passages for a query as it is typed, a few of each; entities spelled closely when none contains the text (`didYouMean`). `part=names` answers only entities, articles and members (and `didYouMean`), `part=hits` only annotations and passages: the palette asks for both at once and shows the names as soon as they come. Without `part`, annotation and passage hits that take longer than 150 ms are left out (the search page finds them); with `part=hits` they get 1 s.",
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

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/saved-searches",
  tag: "Search",
  summary: "List the caller's saved searches",
  description:
    "The caller's own saved searches in the workspace, by name, each with `newCount`: how many of its matches the caller may see (the search's rules: deleted, hidden and blind-hidden items never count) were indexed — written, or an annotation re-tagged, edited or reviewed — since it was last opened.",
  permission: "search.read",
  params: pathParams.workspace,
  response: { status: 200, description: "The saved searches.", schema: dataOf(z.array(savedSearchSchema)) },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/saved-searches",
  tag: "Search",
  summary: "Save a search",
  description:
    "Saves `query` (the `q` of GET …/search) under `name`, which is unique among the caller's saved searches in the workspace (any case; 409). It counts as opened now. At most 50 per member and workspace (422).",
  permission: "search.read",
  params: pathParams.workspace,
  body: createSavedSearchSchema,
  response: { status: 201, description: "The saved search.", schema: dataOf(savedSearchSchema) },
  errors: [409, 422],
});

apiRoute({
  method: "patch",
  path: "/api/workspaces/{workspaceId}/saved-searches/{savedSearchId}",
  tag: "Search",
  summary: "Rename a saved search",
  description: "Only the caller's own (404 for anyone else's). 409 when another of theirs has that name.",
  permission: "search.read",
  params: pathParams.savedSearch,
  body: updateSavedSearchSchema,
  response: { status: 200, description: "The saved search.", schema: dataOf(savedSearchSchema) },
  errors: [404, 409, 422],
});

apiRoute({
  method: "delete",
  path: "/api/workspaces/{workspaceId}/saved-searches/{savedSearchId}",
  tag: "Search",
  summary: "Delete a saved search",
  description: "Only the caller's own (404 for anyone else's).",
  permission: "search.read",
  params: pathParams.savedSearch,
  response: { status: 204, description: "Deleted." },
  errors: [404],
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/saved-searches/{savedSearchId}/open",
  tag: "Search",
  summary: "Open a saved search",
  description:
    "Marks one of the caller's saved searches opened now, so that its `newCount` starts again from 0; run its `query` with GET …/search.",
  permission: "search.read",
  params: pathParams.savedSearch,
  response: { status: 200, description: "The saved search, `newCount` 0.", schema: dataOf(savedSearchSchema) },
  errors: [404],
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/annotations/entity",
  tag: "Annotations",
  summary: "Set the entity of many annotations",
  description:
    "Search's **Change entity**: each item's annotation gets `entityId` (`null`: untagged), in one transaction, all or none — 404 if any is not a live annotation the caller may see, 403 if any is someone else's and the caller is an analyst, 409 (with the current versions) if any `version` is stale, 422 for an entity that is not live here. Answers each annotation's new version and its previous entity: sending those back as `items` undoes the change as one action.",
  permission: "annotation.update",
  params: pathParams.workspace,
  body: setAnnotationEntitiesSchema,
  response: {
    status: 200,
    description: "New versions and previous entities.",
    schema: dataOf(setAnnotationEntitiesResultSchema),
  },
  errors: [403, 404, 409, 422],
});
