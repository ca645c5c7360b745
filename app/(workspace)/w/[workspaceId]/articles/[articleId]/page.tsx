import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { CheckUpdatesButton } from "@/components/articles/check-updates-button";
import { DeleteArticleButton } from "@/components/articles/delete-article-button";
import { AnnotationWorkspace } from "@/components/annotations/annotation-workspace";
import { ArticleAssignments } from "@/components/assignments/article-assignments";
import { AssignmentRefresh } from "@/components/assignments/assignment-refresh";
import { AssignmentBadges } from "@/components/assignments/assignment-badges";
import { SubmitAssignmentButton } from "@/components/assignments/submit-assignment-button";
import "@/components/assignments/assignments.css";
import { ImportAnnotationsDialog } from "@/components/annotations/import-annotations-dialog";
import { ExportDialog } from "@/components/exports/export-dialog";
import { orNotFound, requireWorkspacePage } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { canonicalText } from "@/lib/anchoring/canonical-text";
import { sanitizeContent } from "@/lib/content/sanitize-content";
import { formatDate, formatDateTime } from "@/lib/format";
import { pageStarts } from "@/lib/capture/pages";
import { getArticle } from "@/lib/server/articles/get-article";
import { findRevisionOutcome } from "@/lib/server/articles/find-revision-outcome";
import { RevisionOutcomeNotice } from "@/components/articles/revision-outcome-notice";
import { findReaderAnnotations } from "@/lib/server/annotations/find-reader-annotations";
import { findAssignments } from "@/lib/server/assignments/find-assignments";
import { findMembers } from "@/lib/server/members/find-members";
import { findEntityTypes } from "@/lib/server/entity-types/find-entity-types";
import { findRelationTypes } from "@/lib/server/relation-types/find-relation-types";
import { findReaderRelations } from "@/lib/server/relations/find-reader-relations";
import { liveHub } from "@/lib/server/live/live-hub";
import type { JSONContent } from "@tiptap/core";

// The title (metadata) and the page read the same article once per request.
const loadArticle = cache((workspaceId: string, articleId: string) => getArticle({ workspaceId, articleId }));

/** A link's host name, or the link itself when it does not parse. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

type ArticlePageProps = {
  params: Promise<{ workspaceId: string; articleId: string }>;
  searchParams?: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: ArticlePageProps): Promise<Metadata> {
  const { workspaceId, articleId } = await params;
  await requireWorkspacePage(workspaceId);
  const article = await orNotFound(loadArticle(workspaceId, articleId));
  return { title: article.title };
}

export default async function ArticlePage({ params, searchParams }: ArticlePageProps) {
  const { workspaceId, articleId } = await params;
  const query = (await searchParams) ?? {};
  const revisedNumber = typeof query.revised === "string" ? Number(query.revised) : NaN;
  const { user, membership } = await requireWorkspacePage(workspaceId, {
    returnTo: `/w/${workspaceId}/articles/${articleId}`,
  });
  // Read before the data: live events after this position are replayed to the page, so none falls in between.
  const liveSince = await liveHub()
    .currentHorizon()
    .then(String)
    .catch(() => null);
  const article = await orNotFound(loadArticle(workspaceId, articleId));
  const content = sanitizeContent(article.currentRevision.content as JSONContent);
  const viewer = { id: user.id, role: membership.role };
  const manage = can(membership.role, "assignment.manage");
  const revised =
    Number.isInteger(revisedNumber) && can(membership.role, "article.revise")
      ? await findRevisionOutcome({ workspaceId, articleId, number: revisedNumber })
      : null;
  const [annotations, entityTypes, assignments, members, relations, relationTypes] = await Promise.all([
    findReaderAnnotations({ workspaceId, articleId, viewer, text: canonicalText(content) }),
    findEntityTypes({ workspaceId }),
    findAssignments({ workspaceId, viewer, articleId }),
    findMembers({ workspaceId }),
    findReaderRelations({ workspaceId, articleId, viewer }),
    findRelationTypes({ workspaceId }),
  ]);
  // The viewer's own assignment here (reviewers and owners see everyone's instead).
  const mine = manage ? null : (assignments.find((a) => a.assignee.id === user.id) ?? null);
  const blind = Boolean(mine?.blind && !mine.submittedAt);
  return (
    <article lang={article.language ?? undefined}>
      <header>
        <h1 className="article-title">{article.title}</h1>
        <div className="article-meta">
          {article.source ? <span>{article.source}</span> : null}
          {article.authors.length ? <span>By {article.authors.join(", ")}</span> : null}
          {article.publishedAt ? <span>Published {formatDate(article.publishedAt)}</span> : null}
          {article.capturedAt && article.originalUrl ? (
            <span>
              Source:{" "}
              <a
                href={article.canonicalUrl ?? article.originalUrl}
                title={article.canonicalUrl ?? article.originalUrl}
                rel="noopener noreferrer nofollow"
                target="_blank"
              >
                {hostOf(article.canonicalUrl ?? article.originalUrl)}
              </a>{" "}
              · captured{" "}
              <time dateTime={article.capturedAt.toISOString()} title={formatDateTime(article.capturedAt)}>
                {formatDate(article.capturedAt)}
              </time>
            </span>
          ) : article.originalUrl ? (
            <a href={article.originalUrl} rel="noopener noreferrer nofollow" target="_blank">
              Original
            </a>
          ) : null}
          <span>
            Imported by {article.importedBy.name} on {formatDate(article.createdAt)} · revision{" "}
            {article.currentRevision.number}
            {article.currentRevision.number > 1 ? (
              <>
                {" "}
                (earlier:{" "}
                {Array.from({ length: article.currentRevision.number - 1 }, (_, i) => i + 1).map((n, i) => (
                  <span key={n}>
                    {i > 0 ? ", " : ""}
                    <Link href={`/w/${workspaceId}/articles/${article.id}/revisions/${n}`}>{n}</Link>
                  </span>
                ))}
                )
              </>
            ) : null}
          </span>
        </div>
        {revised ? (
          <RevisionOutcomeNotice
            outcome={revised}
            annotationHref={(id) =>
              `/w/${workspaceId}/articles/${article.id}?revised=${revised.number}&annotation=${encodeURIComponent(id)}`
            }
          />
        ) : null}
        {can(membership.role, "article.delete") ||
        can(membership.role, "article.revise") ||
        can(membership.role, "annotation.import") ||
        can(membership.role, "annotation.export") ||
        can(membership.role, "annotation.review") ? (
          <div className="row" style={{ marginBottom: "1.5rem" }}>
            {can(membership.role, "annotation.export") ? (
              <ExportDialog
                workspaceId={workspaceId}
                article={{ id: article.id, title: article.title }}
                entityTypes={entityTypes.map(({ id, name }) => ({ id, name }))}
                authors={members.map((m) => ({ id: m.userId, name: m.name }))}
              />
            ) : null}
            {can(membership.role, "annotation.import") ? (
              <ImportAnnotationsDialog
                workspaceId={workspaceId}
                articleId={article.id}
                entityTypes={entityTypes.filter((t) => !t.archivedAt).map(({ id, name }) => ({ id, name }))}
                canCreateTypes={can(membership.role, "entityType.manage")}
              />
            ) : null}
            {can(membership.role, "annotation.review") ? (
              <>
                <Link
                  className="button button-secondary button-small"
                  href={`/w/${workspaceId}/articles/${article.id}/agreement`}
                >
                  Agreement
                </Link>
                <Link
                  className="button button-secondary button-small"
                  href={`/w/${workspaceId}/articles/${article.id}/curation`}
                >
                  Curate
                </Link>
              </>
            ) : null}
            {can(membership.role, "article.revise") ? (
              <Link
                className="button button-secondary button-small"
                href={`/w/${workspaceId}/articles/${article.id}/edit`}
              >
                Edit text
              </Link>
            ) : null}
            {article.capturedAt && can(membership.role, "article.revise") ? (
              <CheckUpdatesButton workspaceId={workspaceId} articleId={article.id} />
            ) : null}
            {can(membership.role, "article.delete") ? (
              <DeleteArticleButton workspaceId={workspaceId} articleId={article.id} title={article.title} />
            ) : null}
          </div>
        ) : null}
        {manage ? (
          <ArticleAssignments
            workspaceId={workspaceId}
            articleId={article.id}
            assignments={assignments}
            analysts={members.filter((m) => m.role === "ANALYST").map((m) => ({ id: m.userId, name: m.name }))}
          />
        ) : null}
        {manage ? null : <AssignmentRefresh />}
        {mine ? (
          <div className={`blind-banner alert ${blind ? "alert-info" : "alert-success"}`} role="note">
            <div>
              <p>
                <strong>{blind ? "Blind annotation." : "Assigned to you."}</strong>{" "}
                {blind
                  ? "You see only your own annotations on this article until you submit your work."
                  : mine.submittedAt
                    ? "You have submitted your work on this article."
                    : "Mark it submitted when you are done."}
              </p>
              <AssignmentBadges
                dueAt={mine.dueAt}
                overdue={mine.overdue}
                blind={mine.blind}
                submittedAt={mine.submittedAt}
              />
            </div>
            {mine.submittedAt ? null : (
              <SubmitAssignmentButton
                workspaceId={workspaceId}
                assignmentId={mine.id}
                articleTitle={article.title}
                blind={mine.blind}
              />
            )}
          </div>
        ) : null}
      </header>
      <AnnotationWorkspace
        // Remounts with everyone's annotations once blind work is submitted (the page refreshes).
        key={blind ? "blind" : "all"}
        workspaceId={workspaceId}
        articleId={article.id}
        revisionId={article.currentRevision.id}
        content={content}
        pages={pageStarts(article.currentRevision.pages)}
        // One string: thousands of rows cross to the client as JSON, which both sides handle natively,
        // instead of tens of thousands of values React serializes and revives one by one.
        initialAnnotations={JSON.stringify(annotations)}
        entityTypes={entityTypes.map(({ id, name, color, shortcut }) => ({ id, name, color, shortcut }))}
        relationTypes={relationTypes.map(({ archivedAt: _archived, ...type }) => type)}
        // One string, as the annotations: `CompactRelations` (lib/relations/compact-relations.ts).
        initialRelations={JSON.stringify(relations)}
        me={{ id: user.id, name: user.name }}
        can={{
          annotate: can(membership.role, "annotation.create"),
          manageAny: can(membership.role, "annotation.manageAny"),
          resolve: can(membership.role, "thread.resolve"),
          moderate: can(membership.role, "comment.hide"),
          manageRelationTypes: can(membership.role, "relationType.manage"),
        }}
        liveSince={liveSince}
      />
    </article>
  );
}
