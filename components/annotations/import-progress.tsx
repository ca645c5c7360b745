"use client";

import { useEffect, useState } from "react";
import "./import-progress.css";
import { api } from "@/lib/client/api";
import type { ImportProgress } from "@/lib/validations/annotation-import";

/** How often a running import is asked how far it has got. */
const POLL_MS = 400;

const count = (n: number) => n.toLocaleString("en");

/** What the rows of each file of a workspace archive are, in words. */
const ARCHIVE_KINDS: Record<string, string> = {
  users: "people",
  "entity-types": "entity types",
  entities: "entities",
  articles: "articles",
  revisions: "revisions",
  annotations: "annotations",
  "relation-types": "relation types",
  relations: "relations",
  comments: "comments",
  assignments: "assignments",
  "saved-searches": "saved searches",
  activity: "activity events",
};

function label(progress: ImportProgress): string {
  switch (progress.phase) {
    case "reading":
      return "Reading the file…";
    case "anchoring":
      return `Finding ${count(progress.total)} ${progress.total === 1 ? "highlight" : "highlights"} in the text…`;
    case "checking":
      return `Checking ${count(progress.done)} of ${count(progress.total)} highlights…`;
    case "importing":
    case "exporting": {
      const verb = progress.phase === "importing" ? "Importing" : "Writing";
      const current = progress.current;
      if (!current) return `${verb} ${count(progress.done)} of ${count(progress.total)} rows…`;
      return `${verb} ${ARCHIVE_KINDS[current.kind] ?? current.kind} ${count(current.done)} of ${count(current.total)}…`;
    }
    default:
      return `Saving ${count(progress.done)} of ${count(progress.total)} annotations and comments…`;
  }
}

/**
 * What a running import (or preview) is doing, asked of the server while the
 * request runs: a bar with "Checking 1,200 of 12,706 highlights…" (or, for a
 * workspace archive, "Importing annotations 40,000 of 100,000…" with the bar
 * over all its rows) where the server counts, the phase alone where it cannot
 * (the file is read and its highlights found in one step each), and `fallback`
 * until the server knows of it (the upload still going, or another instance
 * answering).
 */
export function ImportProgressView({
  url,
  progressKey,
  fallback,
  label: ariaLabel = "Import progress",
  onEnd,
}: {
  url: string;
  progressKey: string;
  fallback: string;
  /** The bar's accessible name. */
  label?: string;
  /** Told once when the server reports the work done or failed (polling stops then). */
  onEnd?: (last: ImportProgress) => void;
}) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api<ImportProgress | null>(`${url}?key=${encodeURIComponent(progressKey)}`, {
          cache: "no-store",
        });
        if (!stopped && next && (next.phase === "done" || next.phase === "failed") && onEnd) {
          stopped = true;
          onEnd(next);
          return;
        }
        if (!stopped && next && next.phase !== "done" && next.phase !== "failed") setProgress(next);
      } catch {
        // A missed poll only delays the next figure.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // onEnd is read when the work ends; a new function each render must not restart the polling.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, progressKey]);

  const counted =
    progress &&
    (progress.phase === "checking" ||
      progress.phase === "saving" ||
      progress.phase === "importing" ||
      progress.phase === "exporting") &&
    progress.total > 0;
  const text = progress ? label(progress) : fallback;
  return (
    <div className="import-progress" role="status" data-testid="import-progress">
      {counted ? (
        <progress aria-label={ariaLabel} value={progress.done} max={progress.total} />
      ) : (
        <progress aria-label={ariaLabel} />
      )}
      <span className="small">{text}</span>
    </div>
  );
}
