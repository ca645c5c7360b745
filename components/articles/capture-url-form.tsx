"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError, newActionKey } from "@/lib/client/api";
import { formatDate } from "@/lib/format";
import type { ClippedArticle, ClipArticleInput } from "@/lib/validations/capture";

type CaptureUrlFormProps = {
  workspaceId: string;
  /** Whether the analyst may save a new revision of an article captured before. */
  canRevise: boolean;
  /** From the bookmarklet: the page's address and the text selected on it. */
  initialUrl?: string;
  initialSelection?: string;
};

type Existing = { id: string; title: string; capturedAt: string | null };

/**
 * Captures a web page by its address. When the workspace has the page
 * already, offers to open that article or capture the page again, as a new
 * revision (reviewers and owners) or a separate article.
 */
export function CaptureUrlForm({ workspaceId, canRevise, initialUrl, initialSelection }: CaptureUrlFormProps) {
  const router = useRouter();
  const [url, setUrl] = useState(initialUrl ?? "");
  const [error, setError] = useState<ApiError | null>(null);
  const [existing, setExisting] = useState<Existing | null>(null);
  const [pending, setPending] = useState(false);

  async function capture(mode: ClipArticleInput["mode"], articleId?: string) {
    setPending(true);
    setError(null);
    try {
      const selection = initialSelection?.trim() ? { exact: initialSelection } : undefined;
      const article = await api<ClippedArticle>(`/api/workspaces/${workspaceId}/articles/clip`, {
        method: "POST",
        json: { url, mode, articleId, selection },
        // One per click: a request repeated by the network creates one article.
        idempotencyKey: newActionKey(),
      });
      router.push(
        `/w/${workspaceId}/articles/${article.id}${article.revision ? `?revised=${article.revision.number}` : ""}`,
      );
      router.refresh();
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "The capture failed.");
      if (apiError.status === 409 && apiError.details.existing) {
        setExisting(apiError.details.existing as Existing);
      } else {
        setError(apiError);
      }
      setPending(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setExisting(null);
    void capture("ask");
  }

  const fieldErrors = error?.fieldErrors ?? {};
  const formLevel = error && !Object.keys(fieldErrors).length ? error.message : null;

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormError message={formLevel} />
      <Field
        id="capture-url"
        label="Page address"
        error={fieldErrors.url}
        hint="The page is fetched by the server and its article kept as it is now: title, byline, date and source link."
      >
        {(p) => (
          <input
            {...p}
            name="url"
            type="url"
            inputMode="url"
            placeholder="https://"
            value={url}
            onChange={(event) => {
              setUrl(event.target.value);
              // The choices below were about the address as it was.
              setExisting(null);
            }}
            required
          />
        )}
      </Field>
      {initialSelection ? (
        <p className="muted">
          The selected text becomes a highlight: <q>{initialSelection.slice(0, 200)}</q>
        </p>
      ) : null}
      {existing ? (
        <div className="alert alert-info stack" role="status">
          <p className="capture-existing">
            This page was captured before as <strong>{existing.title}</strong>
            {existing.capturedAt ? ` on ${formatDate(existing.capturedAt)}` : ""}.
          </p>
          <div className="row">
            <Link className="button" href={`/w/${workspaceId}/articles/${existing.id}`}>
              Open the existing article
            </Link>
            {canRevise ? (
              <button
                className="button button-secondary"
                type="button"
                disabled={pending}
                onClick={() => capture("revision", existing.id)}
              >
                Capture a new revision
              </button>
            ) : null}
            <button className="button button-secondary" type="button" disabled={pending} onClick={() => capture("new")}>
              Capture as a separate article
            </button>
          </div>
        </div>
      ) : (
        // While the choices above are shown, they are the way on: no second primary button.
        <div className="row">
          <button className="button" type="submit" disabled={pending}>
            {pending ? "Capturing…" : "Capture page"}
          </button>
        </div>
      )}
    </form>
  );
}
