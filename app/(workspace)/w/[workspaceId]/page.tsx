import type { Metadata } from "next";
import Link from "next/link";
import { ArticleListControls } from "@/components/articles/article-list-controls";
import { ExportDialog } from "@/components/exports/export-dialog";
import { RestoreArticleBanner } from "@/components/articles/restore-article-banner";
import { AssignmentRefresh } from "@/components/assignments/assignment-refresh";
import { MyAssignments } from "@/components/assignments/my-assignments";
import { requireWorkspacePage } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { findArticles } from "@/lib/server/articles/find-articles";
import { findAssignments } from "@/lib/server/assignments/find-assignments";
import { findEntityTypes } from "@/lib/server/entity-types/find-entity-types";
import { findMembers } from "@/lib/server/members/find-members";
import { getWorkspace } from "@/lib/server/workspaces/get-workspace";
import { articleListQuerySchema } from "@/lib/validations/article";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Articles" };

type ArticlesPageProps = {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ArticlesPage({ params, searchParams }: ArticlesPageProps) {
  const { workspaceId } = await params;
  const { user, membership } = await requireWorkspacePage(workspaceId);
  const raw = await searchParams;
  const parsed = articleListQuerySchema.safeParse({ q: raw.q, sort: raw.sort, cursor: raw.cursor });
  const query = parsed.success ? parsed.data : articleListQuerySchema.parse({});
  const [workspace, { items, nextCursor }, assignments, entityTypes, members] = await Promise.all([
    getWorkspace({ workspaceId }),
    findArticles({ workspaceId, query }),
    // Reviewers and owners follow everyone's on the dashboard; here, only one's own.
    findAssignments({ workspaceId, viewer: { id: user.id, role: membership.role }, assigneeId: user.id }),
    findEntityTypes({ workspaceId }),
    findMembers({ workspaceId }),
  ]);
  const canImport = can(membership.role, "article.import");
  const deletedId = typeof raw.deleted === "string" && can(membership.role, "article.restore") ? raw.deleted : null;
  const nextHref = nextCursor
    ? `/w/${workspaceId}?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), sort: query.sort, cursor: nextCursor })}`
    : null;

  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>{workspace.name}</h1>
          <p>Articles imported into this workspace.</p>
        </div>
        <div className="row">
          {can(membership.role, "annotation.export") ? (
            <ExportDialog
              workspaceId={workspaceId}
              entityTypes={entityTypes.map(({ id, name }) => ({ id, name }))}
              authors={members.map((m) => ({ id: m.userId, name: m.name }))}
            />
          ) : null}
          {canImport ? (
            <Link className="button" href={`/w/${workspaceId}/import`}>
              Import article
            </Link>
          ) : null}
        </div>
      </div>
      {deletedId ? <RestoreArticleBanner workspaceId={workspaceId} articleId={deletedId} /> : null}
      <AssignmentRefresh />
      {assignments.length ? <MyAssignments workspaceId={workspaceId} assignments={assignments} /> : null}
      {assignments.length ? <h2>All articles</h2> : null}
      <ArticleListControls q={query.q ?? ""} sort={query.sort} />
      {items.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Source</th>
              <th scope="col">Published</th>
              <th scope="col">Imported by</th>
              <th scope="col">Imported</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link href={`/w/${workspaceId}/articles/${a.id}`}>{a.title}</Link>
                  {a.authors.length ? <div className="muted small">{a.authors.join(", ")}</div> : null}
                </td>
                <td>{a.source ?? <span className="muted">—</span>}</td>
                <td>{a.publishedAt ? formatDate(a.publishedAt) : <span className="muted">—</span>}</td>
                <td>{a.importedBy.name}</td>
                <td>{formatDate(a.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="card empty">
          {query.q ? (
            <p>No article title matches “{query.q}”.</p>
          ) : (
            <p>No articles yet.{canImport ? " Import one to start annotating." : ""}</p>
          )}
        </div>
      )}
      {nextHref ? (
        <div>
          <Link className="button button-secondary" href={nextHref}>
            More articles
          </Link>
        </div>
      ) : null}
    </div>
  );
}
