"use client";

import type { ImportProblem } from "@/lib/import/types";
import { NEW_ENTITY_TYPE, type ImportItemReport, type ImportReport } from "@/lib/validations/annotation-import";

export type TypeOption = { id: string; name: string };

type ImportReportViewProps = {
  report: ImportReport;
  entityTypes: TypeOption[];
  canCreateTypes: boolean;
  keepOrphans: boolean;
  onKeepOrphans(value: boolean): void;
  onSource(source: string): void;
  onTypeMap(name: string, typeId: string): void;
};

const OUTCOME_LABELS: Record<ImportItemReport["outcome"], string> = {
  anchored: "Anchored",
  moved: "Moved, check it",
  unanchorable: "Not found",
  duplicate: "Already here",
};

/** Where a problem is in the file, as people count: item 1, line 1. */
export function problemPlace(p: ImportProblem): string {
  return [p.item !== undefined ? `Item ${p.item + 1}` : null, p.line ? `line ${p.line}` : null]
    .filter(Boolean)
    .join(", ");
}

export function ProblemList({ problems, total, label }: { problems: ImportProblem[]; total: number; label: string }) {
  if (!problems.length) return null;
  return (
    <div>
      <h3 className="import-subheading">{label}</h3>
      <ul className="import-problems">
        {problems.map((p, i) => (
          <li key={i}>
            {problemPlace(p) ? <strong>{problemPlace(p)}: </strong> : null}
            {p.message}
          </li>
        ))}
      </ul>
      {total > problems.length ? <p className="muted small">and {total - problems.length} more.</p> : null}
    </div>
  );
}

/** The preview of an import: counts, the choices it needs, and each highlight with where it lands. */
export function ImportReportView({
  report,
  entityTypes,
  canCreateTypes,
  keepOrphans,
  onKeepOrphans,
  onSource,
  onTypeMap,
}: ImportReportViewProps) {
  const counts: [string, number, string][] = [
    ["anchored", report.anchored, "anchored"],
    ["moved", report.moved, "moved (please check)"],
    ["unanchorable", report.unanchorable, "not found in the text"],
    ["duplicate", report.duplicates, "already on this article"],
  ];
  return (
    <div className="stack">
      <p>
        {report.total} {report.total === 1 ? "highlight" : "highlights"} in{" "}
        {report.filename ? <strong>{report.filename}</strong> : "the file"} ({formatName(report.format)})
        {report.comments ? `, with ${report.comments} ${report.comments === 1 ? "comment" : "comments"}` : ""}.
      </p>
      <ul className="import-counts" aria-label="Summary">
        {counts.map(([key, n, label]) => (
          <li key={key} data-outcome={key}>
            <span className="import-count">{n}</span> {label}
          </li>
        ))}
      </ul>
      {report.entities.matched || report.entities.created ? (
        <p className="muted small">
          Entities: {report.entities.matched} found in this workspace, {report.entities.created} new
          {report.typesCreated.length ? `; new types: ${report.typesCreated.join(", ")}` : ""}.
        </p>
      ) : null}
      {report.statusesIgnored ? (
        <p className="muted small">
          {report.statusesIgnored} review {report.statusesIgnored === 1 ? "decision" : "decisions"} in the file will not
          be applied: only reviewers and owners can accept or reject. They are imported as proposed.
        </p>
      ) : null}
      {report.reviewsNotKeptCount ? (
        <div className="muted small" data-testid="import-reviews-not-kept">
          <p>
            {report.reviewsNotKeptCount} review {report.reviewsNotKeptCount === 1 ? "decision" : "decisions"} will be
            imported as proposed, because the file&apos;s reviewer cannot have made them here:
          </p>
          <ul>
            {report.reviewsNotKept.map((r) => (
              <li key={r.item}>
                Item {r.item + 1}: {r.status.toLowerCase()}
                {r.reviewer ? ` by ${r.reviewer}` : ""}
                {r.reason ? ` (“${r.reason}”)` : ""}. {r.why}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {report.sources.length > 1 ? (
        <div className="field">
          <label htmlFor="import-source">Which text in the file is this article?</label>
          <select id="import-source" value={report.source ?? ""} onChange={(e) => onSource(e.target.value)}>
            <option value="" disabled>
              Choose one of {report.sources.length} texts
            </option>
            {report.sources.map((s) => (
              <option key={s.source} value={s.source}>
                {s.source} ({s.count})
              </option>
            ))}
          </select>
        </div>
      ) : null}

      {report.entityTypes.length ? (
        <fieldset className="import-types">
          <legend>Entity types of new entities</legend>
          {report.entityTypes.map((m) => (
            <div className="field import-type-row" key={m.name}>
              <label htmlFor={`import-type-${m.name}`}>
                {m.name ? `“${m.name}”` : "Without a type"} <span className="muted small">({m.count})</span>
              </label>
              <select
                id={`import-type-${m.name}`}
                value={m.typeId ?? ""}
                aria-invalid={m.typeId === null}
                onChange={(e) => onTypeMap(m.name, e.target.value)}
              >
                <option value="" disabled>
                  Choose a type
                </option>
                {canCreateTypes && m.name ? <option value={NEW_ENTITY_TYPE}>New type “{m.name}”</option> : null}
                {entityTypes.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      ) : null}

      {report.unanchorable ? (
        <label className="import-keep">
          <input type="checkbox" checked={keepOrphans} onChange={(e) => onKeepOrphans(e.target.checked)} />
          Keep the {report.unanchorable} {report.unanchorable === 1 ? "annotation" : "annotations"} not found as orphans
          (listed under “Orphaned”, ready to re-attach by hand)
        </label>
      ) : null}

      <ProblemList problems={report.problems} total={report.problemCount} label="To resolve before importing" />
      <ProblemList problems={report.skipped} total={report.skippedCount} label="Read but not imported" />

      {report.items.length ? (
        <div className="import-items">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Quote</th>
                <th scope="col">Entity</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((item) => (
                <tr key={item.item} data-outcome={item.outcome}>
                  <td className="muted">{item.line ?? item.item + 1}</td>
                  <td>
                    <q>{item.exact}</q>
                    {item.comments ? (
                      <span className="muted small">
                        {" "}
                        · {item.comments} {item.comments === 1 ? "comment" : "comments"}
                      </span>
                    ) : null}
                  </td>
                  <td>{item.entity ?? <span className="muted">—</span>}</td>
                  <td>
                    <span className="badge import-outcome" data-outcome={item.outcome}>
                      {OUTCOME_LABELS[item.outcome]}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.total > report.items.length ? (
            <p className="muted small">
              The first {report.items.length} of {report.total} are listed.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function formatName(format: ImportReport["format"]): string {
  return format === "brat" ? "brat standoff" : format === "hypothesis" ? "Hypothesis export" : "W3C Web Annotation";
}
