"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ArticleMetadataFields } from "@/components/articles/article-metadata-fields";
import { CaptureUrlForm } from "@/components/articles/capture-url-form";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { MAX_UPLOAD_BYTES } from "@/lib/content/limits";

type ImportArticleFormProps = {
  workspaceId: string;
  /** Whether the analyst may save a new revision of a page captured before. */
  canRevise?: boolean;
  /** From the bookmarklet: a page to capture and the text selected on it. */
  captureUrl?: string;
  captureSelection?: string;
};

const ACCEPT =
  ".txt,.md,.markdown,.html,.htm,.docx,.pdf,text/plain,text/markdown,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const MAX_MB = MAX_UPLOAD_BYTES / 1024 / 1024;

/** Uploads a file or pasted text with the article's metadata, or captures a page by URL, then opens the article. */
export function ImportArticleForm({
  workspaceId,
  canRevise = false,
  captureUrl,
  captureSelection,
}: ImportArticleFormProps) {
  const router = useRouter();
  const [mode, setMode] = useState<"file" | "paste" | "url">(captureUrl ? "url" : "file");
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (mode === "file") {
      form.delete("text");
      form.delete("format");
      if (!(file instanceof File) || file.size === 0) {
        setError(
          new ApiError(422, "UNPROCESSABLE", "Choose a file to upload.", { file: ["Choose a file to upload."] }),
        );
        return;
      }
      if (file.size > MAX_UPLOAD_BYTES) {
        const message = `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_MB} MB.`;
        setError(new ApiError(413, "PAYLOAD_TOO_LARGE", message, { file: [message] }));
        return;
      }
    } else {
      form.delete("file");
    }
    setPending(true);
    setError(null);
    try {
      const article = await api<{ id: string }>(`/api/workspaces/${workspaceId}/articles`, {
        method: "POST",
        body: form,
      });
      router.push(`/w/${workspaceId}/articles/${article.id}`);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "INTERNAL", "The import failed."));
      setPending(false);
    }
  }

  const fieldErrors = error?.fieldErrors ?? {};
  const formLevel = error && !Object.keys(fieldErrors).length ? error.message : null;

  const modes = (
    <div className="segmented" role="group" aria-label="How to import">
      <button type="button" aria-pressed={mode === "file"} onClick={() => setMode("file")}>
        Upload a file
      </button>
      <button type="button" aria-pressed={mode === "paste"} onClick={() => setMode("paste")}>
        Paste text
      </button>
      <button type="button" aria-pressed={mode === "url"} onClick={() => setMode("url")}>
        From URL
      </button>
    </div>
  );

  if (mode === "url") {
    return (
      <div className="card stack">
        {modes}
        <CaptureUrlForm
          workspaceId={workspaceId}
          canRevise={canRevise}
          initialUrl={captureUrl}
          initialSelection={captureSelection}
        />
      </div>
    );
  }

  return (
    <form className="card stack" onSubmit={onSubmit} noValidate>
      <FormError message={formLevel} />
      {modes}
      {mode === "file" ? (
        <Field
          id="file"
          label="File"
          error={fieldErrors.file}
          hint={`.txt, .md, .html, .docx or .pdf (with text, not scanned), up to ${MAX_MB} MB.`}
        >
          {(p) => <input {...p} name="file" type="file" accept={ACCEPT} className="dropzone" />}
        </Field>
      ) : (
        <>
          <Field
            id="text"
            label="Article text"
            error={fieldErrors.text}
            hint="Separate paragraphs with a blank line. The first line can become the title."
          >
            {(p) => <textarea {...p} name="text" required />}
          </Field>
          <Field id="format" label="Format" error={fieldErrors.format}>
            {(p) => (
              <select {...p} name="format" defaultValue="text" style={{ width: "auto" }}>
                <option value="text">Plain text</option>
                <option value="markdown">Markdown</option>
                <option value="html">HTML</option>
              </select>
            )}
          </Field>
        </>
      )}
      <ArticleMetadataFields fieldErrors={fieldErrors} />
      <div className="row">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Importing…" : "Import article"}
        </button>
      </div>
    </form>
  );
}
