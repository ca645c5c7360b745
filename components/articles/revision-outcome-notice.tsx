import Link from "next/link";

type LinkedAnnotation = { id: string; exact: string };

type RevisionOutcomeNoticeProps = {
  outcome: {
    number: number;
    anchored: number;
    moved: number;
    orphaned: number;
    movedAnnotations: LinkedAnnotation[];
    orphanedAnnotations: LinkedAnnotation[];
  };
  annotationHref(id: string): string;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** What saving a revision did to the annotations: exact counts, and a link to each moved or orphaned one. */
export function RevisionOutcomeNotice({ outcome, annotationHref }: RevisionOutcomeNoticeProps) {
  const list = (label: string, items: LinkedAnnotation[]) =>
    items.length ? (
      <p className="small">
        {label}:{" "}
        {items.map((a, i) => (
          <span key={a.id}>
            {i > 0 ? ", " : ""}
            <Link href={annotationHref(a.id)}>“{short(a.exact)}”</Link>
          </span>
        ))}
      </p>
    ) : null;
  return (
    <div className="alert alert-success" role="status" style={{ marginBottom: "1rem" }}>
      <p>
        Saved revision {outcome.number}: {plural(outcome.anchored, "annotation", "annotations")} kept{" "}
        {outcome.anchored === 1 ? "its" : "their"} place, {outcome.moved} moved
        {outcome.moved ? " (please check them)" : ""}, {outcome.orphaned} orphaned
        {outcome.orphaned ? " (listed under “Orphaned”, ready to re-attach)" : ""}.
      </p>
      {list("Moved", outcome.movedAnnotations)}
      {list("Orphaned", outcome.orphanedAnnotations)}
    </div>
  );
}
