import type { AssignmentProgress as Progress } from "@/lib/server/assignments/assignment-view";

/** "5 annotations · 3 reviewed (2 accepted, 1 rejected)" with a bar of the same. */
export function AssignmentProgress({ progress }: { progress: Progress }) {
  const { annotations, reviewed, accepted, rejected } = progress;
  const pct = (n: number) => (annotations ? `${(n / annotations) * 100}%` : "0");
  return (
    <div className="assignment-progress">
      <span className="assignment-progress-figures">
        <strong>{annotations}</strong> {annotations === 1 ? "annotation" : "annotations"} · <strong>{reviewed}</strong>{" "}
        reviewed
        {reviewed ? (
          <>
            {" "}
            ({accepted} accepted, {rejected} rejected)
          </>
        ) : null}
      </span>
      <span className="assignment-bar" aria-hidden="true">
        <span className="accepted" style={{ width: pct(accepted) }} />
        <span className="rejected" style={{ width: pct(rejected) }} />
        <span className="pending" style={{ width: pct(annotations - reviewed) }} />
      </span>
    </div>
  );
}
