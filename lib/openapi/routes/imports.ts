import { apiRoute, binary, dataOf } from "@/lib/openapi/registry";
import { ImportReportSchema, pathParams } from "@/lib/openapi/schemas";
import { z } from "zod";
import {
  importOptionsSchema,
  importProgressKeySchema,
  importProgressSchema,
  MAX_IMPORT_BYTES,
} from "@/lib/validations/annotation-import";

const file = binary.openapi({
  description: "A W3C (JSON-LD), Hypothesis (JSON or JSON Lines) or brat `.ann` file, or a zip of them.",
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/annotations/import",
  tag: "Imports",
  summary: "Import annotations from a file",
  description: [
    "Reads a W3C Web Annotation, Hypothesis or brat file, anchors its highlights in the article's current text (by quote and position) and writes them in one transaction, or nothing.",
    "Send multipart form data (`file`, for brat an optional `txt` with the text the `.ann` was made on, and the options as fields), or the file itself as the body (`application/json`, `application/ld+json`, `application/x-ndjson`, `application/jsonl`, `application/zip` or `text/plain`) with the options in the query.",
    "`progressKey` (8–64 letters, digits, `-` or `_`, made up by the caller) lets the caller ask how far the import has got while it runs (`…/annotations/import/progress`).",
    "`preview=1` writes nothing and reports what would be imported. A commit that cannot go through as asked (unanchorable highlights without `keepOrphans`, a type name `typeMap` does not map, several texts without `source`) writes nothing either and answers 200 with `committed: false` and the `problems`.",
    `The file may be up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB (413 beyond).`,
  ].join("\n\n"),
  permission: "annotation.import",
  params: pathParams.article,
  query: importOptionsSchema,
  idempotent: true,
  bodyContentTypes: {
    "multipart/form-data": importOptionsSchema.extend({
      file,
      txt: binary.optional().openapi({ description: "brat: the `.txt` the `.ann` annotates." }),
    }),
    "application/json": file,
    "application/ld+json": file,
    "application/x-ndjson": file,
    "application/jsonl": file,
    "application/zip": file,
    "text/plain": file,
  },
  response: {
    status: 201,
    description:
      "Imported (`committed: true`) with what was written. A preview, or an import refused for its `problems`, answers 200 with the same report and `committed: false`.",
    schema: dataOf(ImportReportSchema),
  },
  errors: [413, 415],
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/annotations/import/progress",
  tag: "Imports",
  summary: "How far an import has got",
  description:
    "For an import of the caller's sent with `progressKey`, on the instance that runs it: the phase (`reading` the file, `anchoring` its highlights in the text, `checking` each highlight, `saving`, then `done` or `failed`) and, while checking or saving, how many of how many. `null` when this instance knows no such import (not started yet, another instance, or over 10 minutes old).",
  permission: "annotation.import",
  params: pathParams.article,
  query: z.object({ key: importProgressKeySchema }),
  response: {
    status: 200,
    description: "The import's progress, or null.",
    schema: dataOf(importProgressSchema.nullable()),
  },
});
