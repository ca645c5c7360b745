import { z } from "zod";
import { apiRoute, binary, component, dataOf, pageOf } from "@/lib/openapi/registry";
import {
  ArticleListItemSchema,
  ArticleSchema,
  pathParams,
  RevisionResultSchema,
  RevisionSummarySchema,
  SuggestionsSchema,
} from "@/lib/openapi/schemas";
import {
  articleListQuerySchema,
  articleMetadataSchema,
  pastedArticleSchema,
  reviseArticleSchema,
} from "@/lib/validations/article";

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles",
  tag: "Articles",
  summary: "List articles",
  description: "Live articles, filtered by title (`q`) and sorted, a page at a time.",
  permission: "article.list",
  params: pathParams.workspace,
  query: articleListQuerySchema,
  response: { status: 200, description: "A page of articles.", schema: pageOf(ArticleListItemSchema) },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}",
  tag: "Articles",
  summary: "Read an article with its text",
  description:
    "The article's metadata and its current revision: the Tiptap JSON and the canonical plain text that annotation offsets index.",
  permission: "article.read",
  params: pathParams.article,
  response: { status: 200, description: "The article.", schema: dataOf(ArticleSchema) },
});

const CreateArticle = component("CreateArticle", pastedArticleSchema);
// The content schema is recursive (z.lazy), which the generator cannot name: documented as a Tiptap document.
const ReviseArticle = component(
  "ReviseArticle",
  reviseArticleSchema.extend({
    content: z
      .object({ type: z.literal("doc") })
      .catchall(z.unknown())
      .openapi({
        description:
          "The edited Tiptap (ProseMirror) JSON document; nodes have `type`, `attrs`, `content`, `marks`, `text`.",
      }),
  }),
);

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/articles",
  tag: "Articles",
  summary: "Import an article",
  description:
    "JSON with the pasted `text` (plain text, Markdown or HTML) and metadata, or multipart form data with a `file` (or a `text` field) and the metadata as fields. The text is sanitized; its canonical plain text is what annotations index.",
  permission: "article.import",
  params: pathParams.workspace,
  bodyContentTypes: {
    "application/json": CreateArticle,
    "multipart/form-data": articleMetadataSchema.extend({
      file: binary.optional().openapi({ description: "A document to import (instead of `text`)." }),
      text: z.string().optional(),
      format: pastedArticleSchema.shape.format,
    }),
  },
  response: {
    status: 201,
    description: "The new article.",
    schema: dataOf(z.object({ id: z.string(), title: z.string() })),
  },
  errors: [413, 415],
});

apiRoute({
  method: "delete",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}",
  tag: "Articles",
  summary: "Delete an article",
  description: "A soft delete, recorded in the activity log (it can be restored).",
  permission: "article.delete",
  params: pathParams.article,
  response: { status: 204, description: "Deleted." },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/restore",
  tag: "Articles",
  summary: "Restore a deleted article",
  permission: "article.restore",
  params: pathParams.article,
  response: { status: 200, description: "Restored.", schema: dataOf(z.object({ id: z.string() })) },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/revisions",
  tag: "Articles",
  summary: "List an article's revisions",
  permission: "article.read",
  params: pathParams.article,
  response: {
    status: 200,
    description: "The revisions, newest first.",
    schema: dataOf(z.array(RevisionSummarySchema)),
  },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/revisions",
  tag: "Articles",
  summary: "Save edited text as a new revision",
  description:
    "Made against `baseRevisionId` (a stale one answers 409). Every annotation is re-anchored: in place, moved, or orphaned with its quote kept; none is dropped.",
  permission: "article.revise",
  params: pathParams.article,
  body: ReviseArticle,
  response: {
    status: 201,
    description: "The new revision and how annotations fared.",
    schema: dataOf(RevisionResultSchema),
  },
  errors: [409, 413],
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/suggestions",
  tag: "Articles",
  summary: "Suggest likely entity mentions",
  description: "Where known entities' names and aliases occur in the text without an annotation; nothing is created.",
  permission: "annotation.create",
  params: pathParams.article,
  response: { status: 200, description: "The suggestions.", schema: dataOf(SuggestionsSchema) },
});
