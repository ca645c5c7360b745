"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/lib/client/api";
import type { CaptureUpdate, ClippedArticle } from "@/lib/validations/capture";

type CheckUpdatesButtonProps = { workspaceId: string; articleId: string };

/**
 * "Check for updates" on a captured article: fetches the page again, shows
 * each changed paragraph (removed and added) and saves a new revision only
 * when asked, which re-anchors every annotation.
 */
export function CheckUpdatesButton({ workspaceId, articleId }: CheckUpdatesButtonProps) {
  const router = useRouter();
  const [update, setUpdate] = useState<CaptureUpdate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<"check" | "save" | null>(null);

  async function check() {
    setPending("check");
    setError(null);
    try {
      setUpdate(
        await api<CaptureUpdate>(`/api/workspaces/${workspaceId}/articles/${articleId}/check-updates`, {
          method: "POST",
        }),
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The page could not be checked.");
    } finally {
      setPending(null);
    }
  }

  async function save() {
    if (!update) return;
    setPending("save");
    setError(null);
    try {
      const saved = await api<ClippedArticle>(`/api/workspaces/${workspaceId}/articles/clip`, {
        method: "POST",
        json: { url: update.url, mode: "revision", articleId },
      });
      setUpdate(null);
      router.push(`/w/${workspaceId}/articles/${articleId}?revised=${saved.revision?.number ?? ""}`);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The new revision could not be saved.");
    } finally {
      setPending(null);
    }
  }

  return (
    <>
      <button className="button button-secondary button-small" type="button" onClick={check} disabled={!!pending}>
        {pending === "check" ? "Checking…" : "Check for updates"}
      </button>
      {error ? (
        <p className="alert alert-error" role="alert" style={{ flexBasis: "100%" }}>
          {error}
        </p>
      ) : null}
      {update ? (
        <section className="card stack" aria-label="Changes on the page" style={{ flexBasis: "100%" }}>
          {update.changed ? (
            <>
              <p>
                The page changed in {update.changes.length} {update.changes.length === 1 ? "place" : "places"} since
                this revision:
              </p>
              <ol className="stack">
                {update.changes.map((change) => (
                  <li key={change.at}>
                    {change.removed ? (
                      <p>
                        <del>{change.removed}</del>
                      </p>
                    ) : null}
                    {change.added ? (
                      <p>
                        <ins>{change.added}</ins>
                      </p>
                    ) : null}
                  </li>
                ))}
              </ol>
              <div className="row">
                <button className="button" type="button" onClick={save} disabled={!!pending}>
                  {pending === "save" ? "Saving…" : "Save as a new revision"}
                </button>
                <button className="button button-secondary" type="button" onClick={() => setUpdate(null)}>
                  Keep this revision
                </button>
              </div>
            </>
          ) : (
            <p role="status">The page has not changed since this revision.</p>
          )}
        </section>
      ) : null}
    </>
  );
}
