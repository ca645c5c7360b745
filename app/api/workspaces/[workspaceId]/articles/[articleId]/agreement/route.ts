// GET /api/workspaces/[workspaceId]/articles/[articleId]/agreement — agreement between analysts (analyst…, units; format=csv to download)
import { withAuth } from "@/lib/auth/with-auth";
import { articleAgreementCsv, findArticleAgreement } from "@/lib/server/agreement/article-agreement";
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
    const agreement = await findArticleAgreement({
      workspaceId,
      articleId: params.articleId,
      analystIds: query.analyst,
      units: query.units,
    });
    if (query.format === "csv") {
      return new Response(articleAgreementCsv(agreement), {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${fileName(agreement.article.title, agreement.article.revisionNumber, agreement.units)}"`,
          "cache-control": "no-store",
        },
      });
    }
    return Response.json({ data: agreement });
  },
  { permission: "annotation.review" },
);
