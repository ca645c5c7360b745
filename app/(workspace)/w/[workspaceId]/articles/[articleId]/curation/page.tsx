import type { Metadata } from "next";
import Link from "next/link";
import { AnalystPicker } from "@/components/agreement/analyst-picker";
import { CurationView } from "@/components/curation/curation-view";
import { RelationCuration } from "@/components/curation/relation-curation";
import { orNotFound, requireWorkspacePage } from "@/lib/auth/page";
import { findArticleAnnotations } from "@/lib/server/agreement/find-article-annotations";
import { findCurationRelations } from "@/lib/server/curation/find-curation-relations";
import { getWorkspace } from "@/lib/server/workspaces/get-workspace";
import { curationQuerySchema } from "@/lib/validations/curation";
import "@/components/agreement/agreement.css";
import "@/components/curation/curation.css";

export const metadata: Metadata = { title: "Curation" };

type CurationPageProps = {
  params: Promise<{ workspaceId: string; articleId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Side-by-side curation of the analysts' annotations of an article (reviewers and owners). */
export default async function CurationPage({ params, searchParams }: CurationPageProps) {
  const { workspaceId, articleId } = await params;
  const base = `/w/${workspaceId}/articles/${articleId}`;
  const { user } = await requireWorkspacePage(workspaceId, {
    returnTo: `${base}/curation`,
    permission: "annotation.review",
  });
  const query = await searchParams;
  const asked = query.analyst === undefined ? [] : [query.analyst].flat().filter(Boolean);
  const parsed = curationQuerySchema.safeParse({ analyst: asked.length ? asked : undefined });
  const [data, workspace] = await Promise.all([
    orNotFound(
      findArticleAnnotations({ workspaceId, articleId, analystIds: parsed.success ? parsed.data.analyst : undefined }),
    ),
    getWorkspace({ workspaceId }),
  ]);
  const { article, annotators, analysts } = data;
  const picked = new Set(analysts.map((a) => a.id));
  const annotations = data.annotations.filter((a) => picked.has(a.authorId));
  const agreement = new URLSearchParams(analysts.map((a) => ["analyst", a.id]));
  const relations =
    analysts.length >= 2
      ? await findCurationRelations({ workspaceId, articleId, analystIds: analysts.map((a) => a.id) })
      : [];

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small">
        <Link href={base}>{article.title}</Link>
      </nav>
      <div className="page-header">
        <div>
          <h1>Curation</h1>
          <p>
            Decide where the analysts differ; the annotations you keep become the accepted set of revision{" "}
            {article.revisionNumber}. The others are rejected as “not chosen in curation”.
          </p>
        </div>
        <Link className="button button-secondary" href={`${base}/agreement?${agreement}`}>
          Agreement figures
        </Link>
      </div>
      {annotators.length >= 2 ? (
        <AnalystPicker annotators={annotators} picked={analysts.map((a) => a.id)} submitLabel="Show" />
      ) : null}
      {analysts.length >= 2 ? (
        <CurationView
          workspaceId={workspaceId}
          articleId={articleId}
          text={article.text}
          analysts={analysts.map(({ id, name }) => ({ id, name }))}
          annotations={annotations}
          ownAnnotationsBlocked={!workspace.selfReviewAllowed && picked.has(user.id)}
        />
      ) : null}
      {analysts.length >= 2 && relations.length ? (
        <RelationCuration
          workspaceId={workspaceId}
          articleId={articleId}
          analysts={analysts.map(({ id, name }) => ({ id, name }))}
          relations={relations}
        />
      ) : null}
      {analysts.length >= 2 ? null : (
        <div className="card empty" role="status">
          <h2>
            {annotators.length === 0
              ? "No annotations yet"
              : annotators.length === 1
                ? "Only one analyst so far"
                : "Pick two or more analysts"}
          </h2>
          <p>
            {annotators.length === 0
              ? "Curation compares two or more analysts’ annotations of this text. Nobody has annotated it yet."
              : annotators.length === 1
                ? `${annotators[0].name} is the only one who annotated this text: their annotations are reviewed in the review queue.`
                : "Tick at least two analysts above to compare their annotations."}
          </p>
          <Link href={annotators.length === 1 ? `/w/${workspaceId}/review` : base}>
            {annotators.length === 1 ? "Go to the review queue" : "Back to the article"}
          </Link>
        </div>
      )}
    </div>
  );
}
