"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/lib/client/api";

type DeleteArticleButtonProps = { workspaceId: string; articleId: string; title: string };

/** Soft-deletes the article and returns to the list, which offers Undo. */
export function DeleteArticleButton({ workspaceId, articleId, title }: DeleteArticleButtonProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className="button button-danger button-small"
        onClick={async () => {
          if (!window.confirm(`Delete “${title}”? You can restore it right after.`)) return;
          try {
            await api(`/api/workspaces/${workspaceId}/articles/${articleId}`, { method: "DELETE" });
            router.push(`/w/${workspaceId}?deleted=${articleId}`);
            router.refresh();
          } catch (err) {
            setError(err instanceof ApiError ? err.message : "Could not delete the article.");
          }
        }}
      >
        Delete article
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
