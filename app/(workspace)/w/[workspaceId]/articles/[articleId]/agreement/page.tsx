import type { Metadata } from "next";
import Link from "next/link";
import { AgreementView } from "@/components/agreement/agreement-view";
import { RelationAgreementTable } from "@/components/agreement/relation-agreement-table";
import { AnalystPicker } from "@/components/agreement/analyst-picker";
import { orNotFound, requireWorkspacePage } from "@/lib/auth/page";
import { findArticleAgreement } from "@/lib/server/agreement/article-agreement";
import { findEntityTypes } from "@/lib/server/entity-types/find-entity-types";
import { agreementQuerySchema } from "@/lib/validations/curation";
import { pairFigures, type AgreementReport } from "@/lib/agreement";
import "@/components/agreement/agreement.css";

export const metadata: Metadata = { title: "Agreement" };

type AgreementPageProps = {
  params: Promise<{ workspaceId: string; articleId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The query string's analysts and units; anything malformed falls back to the defaults. */
function parseQuery(query: Record<string, string | string[] | undefined>) {
  const analyst = query.analyst === undefined ? undefined : [query.analyst].flat().filter(Boolean);
  const parsed = agreementQuerySchema.safeParse({ analyst: analyst?.length ? analyst : undefined, units: query.units });
  return parsed.success ? parsed.data : agreementQuerySchema.parse({});
}

/**
 * The report without its pairs' cells, which the view gets in columns
 * (`pairFigures`): with 80 analysts they are 3 × 6,320 objects, most of the page.
 */
function withoutPairCells(report: AgreementReport): AgreementReport {
  const { exact, overlap } = report.spans;
  return {
    ...report,
    spans: { exact: { ...exact, cells: [] }, overlap: { ...overlap, cells: [] } },
    tokenPairs: { ...report.tokenPairs, cells: [] },
  };
}

/** Agreement between the analysts who annotated an article (reviewers and owners). */
export default async function AgreementPage({ params, searchParams }: AgreementPageProps) {
  const { workspaceId, articleId } = await params;
  const base = `/w/${workspaceId}/articles/${articleId}`;
  await requireWorkspacePage(workspaceId, { returnTo: `${base}/agreement`, permission: "annotation.review" });
  const query = parseQuery(await searchParams);
  const [agreement, entityTypes] = await Promise.all([
    // The pairs' overall figures only; the view fetches a type's when it is picked.
    orNotFound(
      findArticleAgreement({ workspaceId, articleId, analystIds: query.analyst, units: query.units, pairType: "" }),
    ),
    findEntityTypes({ workspaceId }),
  ]);
  const { article, annotators, analysts, report, units, relations } = agreement;
  const qs = new URLSearchParams([...analysts.map((a) => ["analyst", a.id]), ["units", units]]);
  const curation = new URLSearchParams(analysts.map((a) => ["analyst", a.id]));
  const total = annotators.reduce((n, a) => n + a.annotations, 0);
  const authors = annotators.filter((a) => a.annotations > 0).length;

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small">
        <Link href={base}>{article.title}</Link>
      </nav>
      <div className="page-header">
        <div>
          <h1>Agreement between analysts</h1>
          <p>
            Revision {article.revisionNumber} · {total} {total === 1 ? "annotation" : "annotations"} by {authors}{" "}
            {authors === 1 ? "analyst" : "analysts"}
          </p>
        </div>
        {report ? (
          <div className="row">
            <a
              className="button button-secondary"
              href={`/api/workspaces/${workspaceId}/articles/${articleId}/agreement?${qs}&format=csv`}
              download
            >
              Download CSV
            </a>
            <Link className="button" href={`${base}/curation?${curation}`}>
              Curate differences
            </Link>
          </div>
        ) : null}
      </div>

      {annotators.length >= 2 ? (
        <AnalystPicker annotators={annotators} picked={analysts.map((a) => a.id)} units={units} submitLabel="Compare" />
      ) : null}

      {report ? (
        <AgreementView
          report={analysts.length > 2 ? withoutPairCells(report) : report}
          pairs={pairFigures(report, null)}
          pairsUrl={analysts.length > 2 ? `/api/workspaces/${workspaceId}/articles/${articleId}/agreement?${qs}` : null}
          analysts={analysts}
          colors={Object.fromEntries(entityTypes.map((t) => [t.name, t.color]))}
          units={units}
        />
      ) : null}
      {report && relations.pairs.length ? <RelationAgreementTable relations={relations} analysts={analysts} /> : null}
      {report ? null : (
        <div className="card empty" role="status">
          {annotators.length === 0 ? (
            <>
              <h2>No annotations yet</h2>
              <p>Agreement compares two or more analysts’ annotations of this text. Nobody has annotated it yet.</p>
            </>
          ) : annotators.length === 1 ? (
            <>
              <h2>Only one analyst so far</h2>
              <p>
                {annotators[0].name} is the only one who annotated this text. Agreement needs a second analyst’s
                annotations of the same revision.
              </p>
            </>
          ) : (
            <>
              <h2>Pick two or more analysts</h2>
              <p>Tick at least two analysts above to compare their annotations.</p>
            </>
          )}
          <Link href={base}>Back to the article</Link>
        </div>
      )}
    </div>
  );
}
