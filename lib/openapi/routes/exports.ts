import { z } from "zod";
import { exportMediaTypes } from "@/lib/export";
import { apiRoute, binary } from "@/lib/openapi/registry";
import { pathParams } from "@/lib/openapi/schemas";
import { searchExportQuerySchema } from "@/lib/validations/search";
import {
  articleExportQuerySchema,
  exportFormatLabels,
  exportFormats,
  exportQueryBaseSchema,
} from "@/lib/validations/export";

// What each format's download holds, by the media type the route sends (lib/export).
const formatList = exportFormats.map(
  (f) => `- \`${f}\`: ${exportFormatLabels[f].label}. ${exportFormatLabels[f].description}`,
);
const text = z.string();
const json = z.record(z.string(), z.unknown());
const bodyOf: Record<string, z.ZodType> = {
  "application/ld+json": json.openapi({
    description: "A W3C Web Annotation AnnotationCollection with its AnnotationPage.",
  }),
  "application/json": json.openapi({ description: "spaCy JSON." }),
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": binary,
  "application/zip": binary,
};
const download = (mediaType: string) => bodyOf[mediaType.split(";")[0]] ?? text;

// The article export's media types, one per format (brat: a zip of .txt, .ann and annotation.conf).
const articleContent: Record<string, z.ZodType> = Object.fromEntries(
  exportFormats.map((f) => {
    const type = f === "brat" ? "application/zip" : exportMediaTypes[f];
    return [type, download(type)];
  }),
);

const filters =
  "Filters narrow the annotations: `status`, `entityTypeId`, `authorId`, and `from`/`to` (inclusive days, UTC, of their creation). Offsets count Unicode code points (see lib/export/README.md). Deleted annotations and hidden comments are never exported, and a member annotating an article blind gets only their own annotations on it.\n\nNER formats (`conll`, `spacy`, `jsonl`): highlights without an entity are left out unless `untaggedLabel` names a label for them; CoNLL exports a span that starts or ends inside a word at that word's edges. With `report=1` they answer, instead of the file, `{ data: { exported, untaggedLeftOut, widenedToWords } }` as JSON.";

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/export",
  tag: "Exports",
  summary: "Export an article's annotations",
  description: [
    "A file download (`Content-Disposition: attachment`), streamed; `format` picks the file:",
    formatList.join("\n"),
    filters,
  ].join("\n\n"),
  permission: "annotation.export",
  params: pathParams.article,
  query: articleExportQuerySchema,
  response: { status: 200, description: "The export file, of the format's media type.", contentTypes: articleContent },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/export",
  tag: "Exports",
  summary: "Export the workspace's annotations",
  description: [
    "A zip (`Content-Disposition: attachment`), streamed, that holds the format's files for every article (`articleId` narrows it to one):",
    formatList.join("\n"),
    filters,
  ].join("\n\n"),
  permission: "annotation.export",
  params: pathParams.workspace,
  query: exportQueryBaseSchema,
  response: {
    status: 200,
    description: "A zip of the export's files.",
    contentTypes: { "application/zip": binary },
  },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/revisions/{number}/text",
  tag: "Exports",
  summary: "Read a revision's canonical text",
  description:
    "The plain text annotation offsets index (UTF-16 code units), as W3C exports' `source` points at it. It never changes, so it is cacheable for good.",
  permission: "article.read",
  params: pathParams.revision,
  errors: [422],
  response: {
    status: 200,
    description: "The text.",
    contentTypes: { "text/plain; charset=utf-8": text },
  },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/search/export",
  tag: "Exports",
  summary: "Export the annotations a search lists",
  description: [
    "A zip (`Content-Disposition: attachment`), streamed, of exactly the annotations GET …/search lists for the caller under `kind: annotation` for `q` (all pages; at most 20,000, 422 beyond), with their visible threads, in `format`:",
    formatList.join("\n"),
    "NER formats leave highlights without an entity out unless `untaggedLabel` names a label for them. 400 for an empty or invalid `q`.",
  ].join("\n\n"),
  permission: "annotation.export",
  params: pathParams.workspace,
  query: searchExportQuerySchema,
  response: {
    status: 200,
    description: "A zip of the export's files.",
    contentTypes: { "application/zip": binary },
  },
  errors: [400, 422],
});
