"use client";

import { useState, type MouseEvent } from "react";
import { ImportProgressView } from "@/components/annotations/import-progress";
import { newActionKey } from "@/lib/client/api";
import type { ImportProgress } from "@/lib/validations/annotation-import";

type WorkspaceArchiveSectionProps = { workspaceId: string };

type Download = { kind: "idle" } | { kind: "running"; key: string } | { kind: "ended"; last: ImportProgress };

/** For owners: download the whole workspace as an archive, to import it into another installation. */
export function WorkspaceArchiveSection({ workspaceId }: WorkspaceArchiveSectionProps) {
  const url = `/api/workspaces/${workspaceId}/archive`;
  const [download, setDownload] = useState<Download>({ kind: "idle" });

  function start(event: MouseEvent<HTMLAnchorElement>) {
    // The browser still streams the file to disk itself; the key lets this page show the rows written.
    event.preventDefault();
    if (download.kind === "running") return;
    const key = newActionKey();
    const link = document.createElement("a");
    link.href = `${url}?progressKey=${encodeURIComponent(key)}`;
    link.download = "";
    link.click();
    setDownload({ kind: "running", key });
  }

  return (
    <section className="card stack" aria-labelledby="archive-heading">
      <h2 id="archive-heading">Move this workspace</h2>
      <p>
        The archive holds the whole workspace — members by email, entity types and entities, every revision of every
        article, annotations and relations with their review state, threads with their history, assignments, saved
        searches and the activity log — as one zip file. Import it from{" "}
        <strong>Your workspaces → Import a workspace archive</strong> in another installation.
      </p>
      <div>
        <a
          className="button"
          href={url}
          download
          onClick={start}
          aria-disabled={download.kind === "running"}
          data-busy={download.kind === "running" || undefined}
        >
          Download workspace archive
        </a>
      </div>
      {download.kind === "running" && (
        <ImportProgressView
          url={`${url}/progress`}
          progressKey={download.key}
          fallback="Preparing the archive…"
          label="Archive progress"
          onEnd={(last) => setDownload({ kind: "ended", last })}
        />
      )}
      {download.kind === "ended" && (
        <p role="status" className={download.last.phase === "done" ? "small" : "small error"}>
          {download.last.phase === "done"
            ? `Archive written: ${download.last.total.toLocaleString("en")} rows. Your browser saves it in its downloads.`
            : "The download stopped before the end. Download the archive again."}
        </p>
      )}
    </section>
  );
}
