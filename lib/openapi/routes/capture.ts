import { apiRoute, component, dataOf } from "@/lib/openapi/registry";
import { pathParams } from "@/lib/openapi/schemas";
import { captureUpdateSchema, clipArticleSchema, clippedArticleSchema } from "@/lib/validations/capture";

const ClipArticle = component("ClipArticle", clipArticleSchema);

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/articles/clip",
  tag: "Articles",
  summary: "Capture a web page",
  description:
    "Fetches `url` (or takes `html`, the page as the browser extension read it) and keeps its article (Mozilla Readability, then the same sanitizer as an .html import) with its title, byline, site name, published date, language, canonical URL and fetch time. A `selection` (quote with prefix and suffix) becomes a highlight. Server-side fetching refuses anything but http and https on ports 80 and 443, credentials in the URL, and every loopback, private, link-local, CGNAT, multicast, reserved or unspecified address (each redirect re-checked, at most 5), with a 422 saying why; it gives up after 10 seconds or 5 MB. A page whose canonical URL was captured before answers 409 with `details.existing` unless `mode` is `new` (another article) or `revision` (a new revision of `articleId`, reviewer or owner: every annotation re-anchored or orphaned; answers 200).",
  permission: "article.import",
  params: pathParams.workspace,
  body: ClipArticle,
  response: { status: 201, description: "The captured article.", schema: dataOf(clippedArticleSchema) },
  errors: [409, 413],
  idempotent: true,
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/check-updates",
  tag: "Articles",
  summary: "Check a captured page for updates",
  description:
    "Fetches the captured article's page again and compares its text with the current revision's, paragraph by paragraph. Saves nothing: capture with `mode: revision` to keep the new text.",
  permission: "article.import",
  params: pathParams.article,
  response: { status: 200, description: "What changed.", schema: dataOf(captureUpdateSchema) },
  errors: [422],
});
