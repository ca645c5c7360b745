import { z } from "zod";
import { apiRoute } from "@/lib/openapi/registry";
import { pathParams } from "@/lib/openapi/schemas";
import { articleExportQuerySchema, exportQueryBaseSchema } from "@/lib/validations/export";

const file = z.string().openapi({ format: "binary" });

const formats =
  "`format`: `w3c` (W3C Web Annotation JSON-LD, the default), `csv`, `xlsx`, `jsonl` (doccano), `brat` (zip), `conll`, `spacy`, `html` (printable report). " +
  "Offsets count Unicode code points (see lib/export/README.md). Streamed; deleted annotations and hidden comments are never exported, " +
  "and a member annotating an article blind gets only their own annotations on it.";

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/export",
  tag: "Exports",
  summary: "Export an article's annotations",
  description: `One file named by \`Content-Disposition\` (brat: a zip of .txt, .ann and annotation.conf). ${formats}`,
  permission: "annotation.export",
  params: pathParams.article,
  query: articleExportQuerySchema,
  response: {
    status: 200,
    description: "The export file.",
    contentTypes: {
      "application/ld+json": file,
      "text/csv": file,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": file,
      "application/jsonl": file,
      "application/zip": file,
      "text/plain": file,
      "application/json": file,
      "text/html": file,
    },
  },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/export",
  tag: "Exports",
  summary: "Export the workspace's annotations",
  description: `A zip of the format's files across every article (filter with \`articleId\`). ${formats}`,
  permission: "annotation.export",
  params: pathParams.workspace,
  query: exportQueryBaseSchema,
  response: { status: 200, description: "The zip.", contentTypes: { "application/zip": file } },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/revisions/{number}/text",
  tag: "Exports",
  summary: "A revision's canonical text",
  description: "The plain text that annotation offsets index: the `source` of every W3C export's targets.",
  permission: "article.read",
  params: pathParams.article.extend({
    number: z.coerce.number().int().min(1).openapi({ description: "A revision number." }),
  }),
  response: { status: 200, description: "The text.", contentTypes: { "text/plain": z.string() } },
});
