import Link from "next/link";
import type { AssignmentView } from "@/lib/server/assignments/assignment-view";
import { AssignmentBadges } from "@/components/assignments/assignment-badges";
import { AssignmentProgress } from "@/components/assignments/assignment-progress";
import { SubmitAssignmentButton } from "@/components/assignments/submit-assignment-button";
import "@/components/assignments/assignments.css";

type MyAssignmentsProps = { workspaceId: string; assignments: AssignmentView[] };

/** The signed-in analyst's assignments, open ones first, each with its progress and "Mark submitted". */
export function MyAssignments({ workspaceId, assignments }: MyAssignmentsProps) {
  const open = assignments.filter((a) => !a.submittedAt).length;
  const overdue = assignments.filter((a) => a.overdue).length;
  return (
    <section className="my-assignments stack" aria-labelledby="my-assignments-title">
      <h2 id="my-assignments-title">
        My assignments
        <span className="muted small">
          {open} open{overdue ? ` · ${overdue} overdue` : ""} · {assignments.length - open} submitted
        </span>
      </h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Article</th>
            <th scope="col">My progress</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {assignments.map((a) => (
            <tr key={a.id} data-assignment={a.id}>
              <td>
                <Link href={`/w/${workspaceId}/articles/${a.articleId}`}>{a.articleTitle}</Link>
                <div className="muted small">Assigned by {a.assignedBy.name}</div>
              </td>
              <td>
                <AssignmentProgress progress={a.progress} />
              </td>
              <td>
                <AssignmentBadges dueAt={a.dueAt} overdue={a.overdue} blind={a.blind} submittedAt={a.submittedAt} />
              </td>
              <td>
                {a.submittedAt ? null : (
                  <SubmitAssignmentButton
                    workspaceId={workspaceId}
                    assignmentId={a.id}
                    articleTitle={a.articleTitle}
                    blind={a.blind}
                    className="button button-secondary button-small"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
