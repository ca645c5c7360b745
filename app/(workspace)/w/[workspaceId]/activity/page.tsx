import type { Metadata } from "next";
import Link from "next/link";
import { requireWorkspacePage } from "@/lib/auth/page";
import { findActivity } from "@/lib/server/activity/find-activity";
import { findAnnotationVisibility } from "@/lib/server/assignments/visible-authors";
import { describeActivity } from "@/lib/activity-labels";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Activity" };

type ActivityPageProps = {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<{ cursor?: string }>;
};

export default async function ActivityPage({ params, searchParams }: ActivityPageProps) {
  const { workspaceId } = await params;
  const { user, membership } = await requireWorkspacePage(workspaceId, { permission: "activity.read" });
  const { cursor } = await searchParams;
  const { items, nextCursor } = await findActivity({
    workspaceId,
    visibility: await findAnnotationVisibility({ workspaceId, viewer: { id: user.id, role: membership.role } }),
    cursor: typeof cursor === "string" ? cursor : undefined,
  });
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Activity</h1>
          <p>Everything that happened in this workspace, newest first.</p>
        </div>
      </div>
      {items.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td className="small muted" style={{ whiteSpace: "nowrap" }}>
                  {formatDateTime(e.createdAt)}
                </td>
                <td>{e.actor?.name ?? "System"}</td>
                <td>{describeActivity(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="card empty">No activity yet.</div>
      )}
      {nextCursor ? (
        <Link className="button button-secondary" href={`/w/${workspaceId}/activity?cursor=${nextCursor}`}>
          Older activity
        </Link>
      ) : null}
    </div>
  );
}
