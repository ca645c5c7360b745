"use client";

import "./import-annotations.css";
import { useId, useRef, useState } from "react";
import { apiBody, ApiError, newActionKey } from "@/lib/client/api";
import type { ImportProblem } from "@/lib/import/types";
import { MAX_IMPORT_BYTES, type ImportReport } from "@/lib/validations/annotation-import";
import { ImportProgressView } from "./import-progress";
import { ImportReportView, ProblemList, type TypeOption } from "./import-report";

type ImportAnnotationsDialogProps = {
  workspaceId: string;
  articleId: string;
  entityTypes: TypeOption[];
  canCreateTypes: boolean;
};

type Choices = { keepOrphans: boolean; source: string | null; typeMap: Record<string, string> };
type Failure = { message: string; problems: ImportProblem[]; total: number };

const NO_CHOICES: Choices = { keepOrphans: false, source: null, typeMap: {} };

/**
 * "Import annotations": choose a W3C JSON-LD, Hypothesis or brat file, see
 * where each highlight would land (anchored, moved, not found), settle the
 * choices the file needs (which text, entity types, keeping orphans), then
 * import it all at once.
 */
export function ImportAnnotationsDialog({
  workspaceId,
  articleId,
  entityTypes,
  canCreateTypes,
}: ImportAnnotationsDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [txt, setTxt] = useState<File | null>(null);
  const [choices, setChoices] = useState<Choices>(NO_CHOICES);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState<"preview" | "import" | null>(null);
  // A key per request, for asking the server how far it has got.
  const [progressKey, setProgressKey] = useState<string | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const isBrat = Boolean(file && /\.ann$/i.test(file.name));

  async function send(preview: boolean, next: { file: File | null; txt: File | null; choices: Choices }) {
    if (!next.file) return;
    if (next.file.size > MAX_IMPORT_BYTES) {
      setReport(null);
      setFailure({ message: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`, problems: [], total: 0 });
      return;
    }
    const form = new FormData();
    form.set("file", next.file);
    if (next.txt && /\.ann$/i.test(next.file.name)) form.set("txt", next.txt);
    form.set("preview", String(preview));
    const key = newActionKey();
    form.set("progressKey", key);
    setProgressKey(key);
    form.set("keepOrphans", String(next.choices.keepOrphans));
    if (next.choices.source) form.set("source", next.choices.source);
    if (Object.keys(next.choices.typeMap).length) form.set("typeMap", JSON.stringify(next.choices.typeMap));
    setBusy(preview ? "preview" : "import");
    setFailure(null);
    try {
      const { data } = await apiBody<{ data: ImportReport }>(
        `/api/workspaces/${workspaceId}/articles/${articleId}/annotations/import`,
        { method: "POST", body: form, idempotencyKey: preview ? undefined : newActionKey() },
      );
      if (preview) setReport(data);
      else {
        // The new highlights arrive as live events; refreshing the page would restart the live stream
        // past them.
        setDone(data);
        setReport(null);
      }
    } catch (err) {
      const details = err instanceof ApiError ? err.details : {};
      setFailure({
        message: err instanceof Error ? err.message : "The import failed.",
        problems: (details.problems as ImportProblem[] | undefined) ?? [],
        total: Number(details.problemCount ?? 0),
      });
      if (details.report) setReport(details.report as ImportReport);
      else if (preview) setReport(null);
    } finally {
      setBusy(null);
    }
  }

  function change(next: Partial<{ file: File | null; txt: File | null; choices: Choices }>) {
    const merged = { file, txt, choices, ...next };
    if (next.file !== undefined) setFile(next.file);
    if (next.txt !== undefined) setTxt(next.txt);
    if (next.choices) setChoices(next.choices);
    setDone(null);
    void send(true, merged);
  }

  function open() {
    setFile(null);
    setTxt(null);
    setChoices(NO_CHOICES);
    setReport(null);
    setFailure(null);
    setDone(null);
    dialogRef.current?.showModal();
  }

  const blocked = !report || report.problemCount > 0 || busy !== null;
  const importing = report ? report.total - report.duplicates - (choices.keepOrphans ? 0 : report.unanchorable) : 0;

  return (
    <>
      <button type="button" className="button button-secondary button-small" onClick={open}>
        Import annotations
      </button>
      <dialog ref={dialogRef} className="import-dialog card" aria-labelledby={titleId}>
        <div className="import-dialog-head">
          <h2 id={titleId}>Import annotations</h2>
          <button
            type="button"
            className="import-dialog-close"
            aria-label="Close"
            onClick={() => dialogRef.current?.close()}
          >
            ✕
          </button>
        </div>
        <div className="stack">
          <div className="field">
            <label htmlFor={`${titleId}-file`}>Annotation file</label>
            <input
              id={`${titleId}-file`}
              type="file"
              accept=".jsonld,.json,.jsonl,.ann,.zip,application/ld+json,application/json,application/zip"
              onChange={(e) => change({ file: e.target.files?.[0] ?? null, choices: NO_CHOICES })}
            />
            <span className="hint">
              W3C Web Annotation JSON-LD (from Marginalia, Hypothesis or other tools), a Hypothesis export, a brat .ann
              file, or an export’s .zip. Highlights are found by their quote and its context, then by position.
            </span>
          </div>
          {isBrat ? (
            <div className="field">
              <label htmlFor={`${titleId}-txt`}>The brat .txt file (optional)</label>
              <input
                id={`${titleId}-txt`}
                type="file"
                accept=".txt,text/plain"
                onChange={(e) => change({ txt: e.target.files?.[0] ?? null })}
              />
              <span className="hint">Checked against this article’s text: the import is refused if they differ.</span>
            </div>
          ) : null}

          {busy && progressKey ? (
            <ImportProgressView
              key={progressKey}
              url={`/api/workspaces/${workspaceId}/articles/${articleId}/annotations/import/progress`}
              progressKey={progressKey}
              fallback={busy === "preview" ? "Reading the file…" : "Importing…"}
            />
          ) : null}
          {failure ? (
            <div className="alert alert-error" role="alert">
              <p className="import-failure">{failure.message}</p>
              <ProblemList problems={failure.problems} total={failure.total} label="Problems" />
            </div>
          ) : null}
          {done ? (
            <div className="alert alert-success" role="status">
              Imported {done.total - done.duplicates - (done.unanchorable - done.orphansKept)} annotations
              {done.moved ? ` (${done.moved} moved: please check them)` : ""}
              {done.orphansKept ? `, ${done.orphansKept} kept as orphans` : ""}
              {done.comments ? `, ${done.comments} comments` : ""}
              {done.duplicates ? `; ${done.duplicates} were already here` : ""}.
            </div>
          ) : null}
          {report ? (
            <ImportReportView
              report={report}
              entityTypes={entityTypes}
              canCreateTypes={canCreateTypes}
              keepOrphans={choices.keepOrphans}
              onKeepOrphans={(keepOrphans) => change({ choices: { ...choices, keepOrphans } })}
              onSource={(source) => change({ choices: { ...choices, source } })}
              onTypeMap={(name, typeId) =>
                change({ choices: { ...choices, typeMap: { ...choices.typeMap, [name]: typeId } } })
              }
            />
          ) : null}
        </div>
        <div className="row import-dialog-actions">
          <button
            type="button"
            className="button"
            disabled={blocked || importing <= 0}
            onClick={() => void send(false, { file, txt, choices })}
          >
            {busy === "import"
              ? "Importing…"
              : report && importing <= 0
                ? "Nothing new to import"
                : `Import ${importing > 0 ? importing : ""} ${importing === 1 ? "annotation" : "annotations"}`}
          </button>
          <button type="button" className="button button-secondary" onClick={() => dialogRef.current?.close()}>
            {done ? "Close" : "Cancel"}
          </button>
        </div>
      </dialog>
    </>
  );
}
