import type { Metadata } from "next";
import Link from "next/link";
import { DashboardCharts } from "@/components/dashboard/dashboard-charts";
import { RelationCountsSection } from "@/components/dashboard/relation-counts";
import { requireWorkspacePage } from "@/lib/auth/page";
import { acceptanceRate, formatShare, reviewedShare } from "@/lib/dashboard/types";
import { findDashboard } from "@/lib/server/dashboard/find-dashboard";
import "@/components/assignments/assignments.css";
import "@/components/dashboard/dashboard.css";

export const metadata: Metadata = { title: "Dashboard" };

type DashboardPageProps = { params: Promise<{ workspaceId: string }> };

function Share({ value }: { value: number | null }) {
  return (
    <span className="share">
      {formatShare(value)}
      {value !== null ? (
        <span className="share-bar" aria-hidden="true">
          <span style={{ width: `${Math.round(value * 100)}%` }} />
        </span>
      ) : null}
    </span>
  );
}

/**
 * The workspace's progress (reviewers and owners: analysts would see the
 * others' figures, which blind annotation keeps from them).
 */
export default async function DashboardPage({ params }: DashboardPageProps) {
  const { workspaceId } = await params;
  await requireWorkspacePage(workspaceId, { returnTo: `/w/${workspaceId}/dashboard`, permission: "dashboard.read" });
  const data = await findDashboard({ workspaceId });
  const { totals } = data;
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Dashboard</h1>
          <p>Progress of the workspace’s annotation and review.</p>
        </div>
      </div>
      <dl className="dashboard-stats" aria-label="Totals">
        <div>
          <dt>Annotations</dt>
          <dd data-testid="total-annotations">{totals.annotations}</dd>
        </div>
        <div>
          <dt>Reviewed</dt>
          <dd data-testid="total-reviewed">{formatShare(reviewedShare(totals))}</dd>
        </div>
        <div>
          <dt>Accepted</dt>
          <dd>{totals.accepted}</dd>
        </div>
        <div>
          <dt>Rejected</dt>
          <dd>{totals.rejected}</dd>
        </div>
        <div>
          <dt>Acceptance rate</dt>
          <dd>{formatShare(acceptanceRate(totals))}</dd>
        </div>
        <div>
          <dt>Relations</dt>
          <dd>
            <span data-testid="total-relations">{data.relations.totals.relations}</span>
            <span className="dashboard-stat-note">
              <span data-testid="total-relations-proposed">{data.relations.totals.proposed}</span> to review
            </span>
          </dd>
        </div>
      </dl>

      <DashboardCharts
        types={data.types}
        annotationsPerDay={data.annotationsPerDay}
        reviewsPerDay={data.reviewsPerDay}
      />

      <section className="dashboard-section" aria-labelledby="by-article">
        <h2 id="by-article">By article</h2>
        {data.articles.length ? (
          <table className="table dashboard-table" data-testid="dashboard-articles">
            <thead>
              <tr>
                <th scope="col">Article</th>
                <th scope="col">Assigned analysts</th>
                <th scope="col" className="num">
                  Annotations
                </th>
                <th scope="col" className="num">
                  Reviewed
                </th>
                <th scope="col" className="num">
                  Accepted
                </th>
                <th scope="col" className="num">
                  Rejected
                </th>
              </tr>
            </thead>
            <tbody>
              {data.articles.map((a) => (
                <tr key={a.id} data-article={a.title}>
                  <th scope="row">
                    <Link href={`/w/${workspaceId}/articles/${a.id}`}>{a.title}</Link>
                  </th>
                  <td>
                    {a.analysts.length ? (
                      <span className="assignment-badges">
                        {a.analysts.map((p) => (
                          <span
                            key={p.id}
                            className={p.submitted ? "badge badge-success" : p.overdue ? "badge badge-danger" : "badge"}
                          >
                            {p.name}
                            <span className="visually-hidden">
                              {p.submitted ? " (submitted)" : p.overdue ? " (overdue)" : " (in progress)"}
                            </span>
                            {p.submitted ? " ✓" : p.overdue ? " !" : ""}
                          </span>
                        ))}
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="num">{a.annotations}</td>
                  <td className="num">
                    <Share value={reviewedShare(a)} />
                  </td>
                  <td className="num">{a.accepted}</td>
                  <td className="num">{a.rejected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div className="card empty">
            <p>Nothing annotated or assigned yet.</p>
          </div>
        )}
      </section>

      <section className="dashboard-section" aria-labelledby="by-analyst">
        <h2 id="by-analyst">By analyst</h2>
        {data.analysts.length ? (
          <table className="table dashboard-table" data-testid="dashboard-analysts">
            <thead>
              <tr>
                <th scope="col">Analyst</th>
                <th scope="col" className="num">
                  Assignments
                </th>
                <th scope="col" className="num">
                  Annotations
                </th>
                <th scope="col" className="num">
                  Accepted
                </th>
                <th scope="col" className="num">
                  Rejected
                </th>
                <th scope="col" className="num">
                  Acceptance rate
                </th>
              </tr>
            </thead>
            <tbody>
              {data.analysts.map((p) => (
                <tr key={p.id} data-analyst={p.name}>
                  <th scope="row">{p.name}</th>
                  <td className="num">
                    {p.assignments ? `${p.submitted} of ${p.assignments} submitted` : <span className="muted">—</span>}
                  </td>
                  <td className="num">{p.annotations}</td>
                  <td className="num">{p.accepted}</td>
                  <td className="num">{p.rejected}</td>
                  <td className="num">
                    <Share value={acceptanceRate(p)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div className="card empty">
            <p>No analyst has annotated yet.</p>
          </div>
        )}
      </section>

      <RelationCountsSection relations={data.relations} />
    </div>
  );
}
