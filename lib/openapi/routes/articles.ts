import { apiRoute, dataOf, pageOf } from "@/lib/openapi/registry";
import { ArticleListItemSchema, ArticleSchema, pathParams } from "@/lib/openapi/schemas";
import { articleListQuerySchema } from "@/lib/validations/article";

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
