// GET /api/workspaces/[workspaceId]/articles/[articleId]/agreement — agreement between analysts (analyst…, units; format=csv to download)
import { withAuth } from "@/lib/auth/with-auth";
import { findArticleAgreementCsv, findArticleAgreementJson } from "@/lib/server/agreement/article-agreement";
import { agreementQuerySchema } from "@/lib/validations/curation";
import { searchParamsObject } from "@/lib/validations/entity-network";

/** A file name from the article's title: lower-case words joined by dashes. */
function fileName(title: string, revision: number, units: string): string {
  const slug =
    title
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, "-")
      .slice(0, 60)
      .replace(/-$/, "") || "article";
  return `agreement-${slug}-rev${revision}${units === "annotated" ? "-annotated-tokens" : ""}.csv`;
}

export const GET = withAuth(
  async ({ workspaceId, params, req }) => {
    const query = agreementQuerySchema.parse(searchParamsObject(new URL(req.url).searchParams, ["analyst"]));
    const options = { workspaceId, articleId: params.articleId, analystIds: query.analyst, units: query.units };
    // Computed and serialized on a worker thread: a large comparison never blocks other requests.
    if (query.format === "csv") {
      const { article, units, csv } = await findArticleAgreementCsv(options);
      return new Response(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${fileName(article.title, article.revisionNumber, units)}"`,
          "cache-control": "no-store",
        },
      });
    }
    const bytes = await findArticleAgreementJson({ ...options, pairType: query.pairType });
    return new Response(bytes, { headers: { "content-type": "application/json" } });
  },
  { permission: "annotation.review" },
);
