"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ImportProgressView } from "@/components/annotations/import-progress";
import { FormError } from "@/components/ui/form-error";
import { newActionKey } from "@/lib/client/api";
import type { ArchiveImportResult } from "@/lib/validations/workspace-archive";

type Phase = { kind: "idle" } | { kind: "uploading"; percent: number } | { kind: "importing" };

const PROGRESS_URL = "/api/workspaces/import-archive/progress";

/**
 * Sends the archive as the request body, reporting upload progress; resolves with the server's
 * answer. The server reports how far the import itself has got under `progressKey`.
 */
function uploadArchive(
  file: File,
  progressKey: string,
  onProgress: (percent: number) => void,
): Promise<ArchiveImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/workspaces/import-archive?progressKey=${encodeURIComponent(progressKey)}`);
    xhr.setRequestHeader("content-type", "application/zip");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new Error("Could not reach the server. Check your connection and try again."));
    xhr.onload = () => {
      type Answer = { data?: ArchiveImportResult; error?: { message?: string } };
      let body: Answer | null;
      try {
        body = JSON.parse(xhr.responseText) as Answer;
      } catch {
        body = null;
      }
      if (xhr.status === 201 && body?.data) resolve(body.data);
      else reject(new Error(body?.error?.message ?? `The import failed (${xhr.status}).`));
    };
    xhr.send(file);
  });
}

/** Imports a workspace archive (from this or another installation) as a new workspace, then opens it. */
export function ImportArchiveForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [progressKey, setProgressKey] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("archive");
    if (!(file instanceof File) || file.size === 0) {
      setError("Choose a workspace archive (.zip) first.");
      return;
    }
    setError(null);
    setPhase({ kind: "uploading", percent: 0 });
    const key = newActionKey();
    setProgressKey(key);
    try {
      const result = await uploadArchive(file, key, (percent) =>
        setPhase(percent >= 100 ? { kind: "importing" } : { kind: "uploading", percent }),
      );
      router.push(`/w/${result.id}`);
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : "The import failed.");
      setPhase({ kind: "idle" });
    }
  }

  const busy = phase.kind !== "idle";
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <p>
        A workspace archive downloaded from a workspace&rsquo;s settings becomes a new workspace that you own. Members
        are matched by email; people without an account here are kept as placeholders holding their work.
      </p>
      <FormError message={error} />
      <label htmlFor="archive-file">Workspace archive</label>
      <input id="archive-file" name="archive" type="file" accept=".zip,application/zip" disabled={busy} />
      <div>
        <button className="button" type="submit" disabled={busy}>
          {phase.kind === "uploading"
            ? `Uploading… ${phase.percent}%`
            : phase.kind === "importing"
              ? "Importing…"
              : "Import archive"}
        </button>
      </div>
      {phase.kind === "importing" && progressKey ? (
        <ImportProgressView key={progressKey} url={PROGRESS_URL} progressKey={progressKey} fallback="Importing…" />
      ) : null}
    </form>
  );
}
