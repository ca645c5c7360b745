import { formatDate, formatDateTime } from "@/lib/format";

type AssignmentBadgesProps = { dueAt: string | null; overdue: boolean; blind: boolean; submittedAt: string | null };

/** Due day (overdue in red), blind mode and submitted state. */
export function AssignmentBadges({ dueAt, overdue, blind, submittedAt }: AssignmentBadgesProps) {
  return (
    <span className="assignment-badges">
      {submittedAt ? (
        <span className="badge badge-success" title={`Submitted ${formatDateTime(submittedAt)}`}>
          Submitted
        </span>
      ) : (
        <span className="badge">In progress</span>
      )}
      {dueAt ? (
        <span className={overdue ? "badge badge-danger" : "badge"}>
          {overdue ? "Overdue · was due " : "Due "}
          {formatDate(dueAt)}
        </span>
      ) : null}
      {blind ? (
        <span className="badge badge-accent" title="Sees only their own annotations on the article until submitted">
          Blind
        </span>
      ) : null}
    </span>
  );
}
