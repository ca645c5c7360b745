"use client";

import { useEffect, useId, useRef, useState } from "react";
import { api } from "@/lib/client/api";
import type { NerExportReport } from "@/lib/export/ner-report";
import { exportFormatLabels, exportFormats, type ExportFormat } from "@/lib/validations/export";
import { downloadExport, formatBytes } from "./download-export";

type Option = { id: string; name: string };

type ExportDialogProps = {
  workspaceId: string;
  /** An article's export; a workspace export (a zip) without it. */
  article?: { id: string; title: string };
  entityTypes: Option[];
  authors: Option[];
};

type State =
  | { kind: "idle" }
  | { kind: "running"; bytes: number; slow: boolean }
  | { kind: "done"; fileName: string; bytes: number; report?: NerExportReport | null }
  | { kind: "error"; message: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Progress shows only for downloads that take longer than this. */
const SLOW_MS = 1000;

/** The "Export" button and its dialog: format, filters, a streamed download with progress. */
export function ExportDialog({ workspaceId, article, entityTypes, authors }: ExportDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [format, setFormat] = useState<ExportFormat>("w3c");
  const [status, setStatus] = useState("");
  const [entityTypeId, setEntityTypeId] = useState("");
  const [authorId, setAuthorId] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  // NER formats leave untagged highlights out unless the user names a label for them.
  const [includeUntagged, setIncludeUntagged] = useState(false);
  const [untaggedLabel, setUntaggedLabel] = useState("MISC");
  const ner = format === "conll" || format === "spacy" || format === "jsonl";
  const [state, setState] = useState<State>({ kind: "idle" });
  const titleId = useId();
  const running = state.kind === "running";

  useEffect(() => () => abort.current?.abort(), []);

  const url = () => {
    const query = new URLSearchParams({ format });
    if (status) query.set("status", status);
    if (entityTypeId) query.set("entityTypeId", entityTypeId);
    if (authorId) query.set("authorId", authorId);
    if (from) query.set("from", from);
    if (to) query.set("to", to);
    if (ner && includeUntagged && untaggedLabel.trim()) query.set("untaggedLabel", untaggedLabel.trim());
    const base = `/api/workspaces/${encodeURIComponent(workspaceId)}`;
    return article ? `${base}/articles/${encodeURIComponent(article.id)}/export?${query}` : `${base}/export?${query}`;
  };

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: "running", bytes: 0, slow: false });
    const timer = setTimeout(() => setState((s) => (s.kind === "running" ? { ...s, slow: true } : s)), SLOW_MS);
    try {
      const result = await downloadExport(url(), {
        signal: controller.signal,
        onProgress: ({ bytes }) => setState((s) => (s.kind === "running" ? { ...s, bytes } : s)),
      });
      setState({ kind: "done", ...result });
      if (ner) {
        // What the NER export left out or adjusted, said next to the download.
        const report = await api<NerExportReport>(`${url()}&report=1`, { signal: controller.signal }).catch(() => null);
        setState((s) => (s.kind === "done" && s.fileName === result.fileName ? { ...s, report } : s));
      }
    } catch (err) {
      if (controller.signal.aborted) setState({ kind: "idle" });
      else setState({ kind: "error", message: err instanceof Error ? err.message : "The export failed." });
    } finally {
      clearTimeout(timer);
      abort.current = null;
    }
  };

  const close = () => {
    abort.current?.abort();
    dialog.current?.close();
  };

  const zip = format === "brat" || !article;
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => {
          setState({ kind: "idle" });
          dialog.current?.showModal();
        }}
      >
        <DownloadIcon /> Export
      </button>
      <dialog ref={dialog} className="export-dialog" aria-labelledby={titleId} onClose={() => abort.current?.abort()}>
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (!running) void start();
          }}
        >
          <header className="export-dialog-header">
            <h2 id={titleId}>{article ? "Export this article’s annotations" : "Export the workspace’s annotations"}</h2>
            <p className="muted small">
              {article ? `“${article.title}”. ` : "Every article, as one zip. "}
              Deleted annotations and hidden comments are never exported.
            </p>
          </header>
          <fieldset className="export-formats" disabled={running}>
            <legend>Format</legend>
            {exportFormats.map((f) => (
              <label key={f} className="export-format">
                <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} />
                <span>
                  <span className="export-format-label">{exportFormatLabels[f].label}</span>
                  <span className="muted small">{exportFormatLabels[f].description}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {ner ? (
            <fieldset className="export-filters" disabled={running}>
              <legend>Untagged highlights</legend>
              <p className="muted small">Highlights without an entity are not entities: they are left out.</p>
              <label>
                <input
                  type="checkbox"
                  checked={includeUntagged}
                  onChange={(e) => setIncludeUntagged(e.target.checked)}
                />{" "}
                Include them with the label
              </label>
              <div className="field">
                <label htmlFor={`${titleId}-untagged`}>Label for untagged highlights</label>
                <input
                  id={`${titleId}-untagged`}
                  value={untaggedLabel}
                  maxLength={50}
                  disabled={!includeUntagged}
                  onChange={(e) => setUntaggedLabel(e.target.value.replace(/\s/g, "_"))}
                />
              </div>
            </fieldset>
          ) : null}
          <fieldset className="export-filters" disabled={running}>
            <legend>Only annotations…</legend>
            <div className="field">
              <label htmlFor={`${titleId}-status`}>with status</label>
              <select id={`${titleId}-status`} value={status} onChange={(e) => setStatus(e.target.value)}>
                <option value="">Any status</option>
                <option value="PROPOSED">Proposed</option>
                <option value="ACCEPTED">Accepted</option>
                <option value="REJECTED">Rejected</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${titleId}-type`}>of entity type</label>
              <select id={`${titleId}-type`} value={entityTypeId} onChange={(e) => setEntityTypeId(e.target.value)}>
                <option value="">Any type</option>
                {entityTypes.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${titleId}-author`}>by</label>
              <select id={`${titleId}-author`} value={authorId} onChange={(e) => setAuthorId(e.target.value)}>
                <option value="">Anyone</option>
                {authors.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${titleId}-from`}>created from</label>
              <input
                id={`${titleId}-from`}
                type="date"
                value={from}
                max={to || undefined}
                onChange={(e) => setFrom(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${titleId}-to`}>to (inclusive)</label>
              <input
                id={`${titleId}-to`}
                type="date"
                value={to}
                min={from || undefined}
                onChange={(e) => setTo(e.target.value)}
              />
            </div>
          </fieldset>
          <div className="export-status" aria-live="polite">
            {state.kind === "running" && state.slow ? (
              <div className="export-progress">
                <progress aria-label="Export progress" />
                <span className="small">
                  {state.bytes ? `Downloading… ${formatBytes(state.bytes)} received` : "Preparing the export…"}
                </span>
              </div>
            ) : null}
            {state.kind === "done" ? (
              <p className="alert alert-success small" role="status">
                Downloaded {state.fileName} ({formatBytes(state.bytes)}).
                {state.report ? (
                  <span data-testid="export-report">
                    {" "}
                    {plural(state.report.exported, "entity span", "entity spans")}.
                    {state.report.untaggedLeftOut
                      ? ` ${plural(state.report.untaggedLeftOut, "untagged highlight", "untagged highlights")} left out.`
                      : ""}
                    {state.report.widenedToWords
                      ? ` Warning: ${plural(state.report.widenedToWords, "span started or ended", "spans started or ended")} inside a word and ${state.report.widenedToWords === 1 ? "was" : "were"} exported at the whole word.`
                      : ""}
                  </span>
                ) : null}
              </p>
            ) : null}
            {state.kind === "error" ? (
              <p className="alert alert-error small" role="alert">
                {state.message}
              </p>
            ) : null}
          </div>
          <div className="row export-actions">
            <button type="submit" className="button" disabled={running}>
              {running ? "Exporting…" : `Download${zip ? " .zip" : ""}`}
            </button>
            <button type="button" className="button button-secondary" onClick={close}>
              {running ? "Cancel" : "Close"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

function DownloadIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M8 1.5v8.5m0 0L4.75 6.75M8 10l3.25-3.25M2.5 11.5v2h11v-2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
