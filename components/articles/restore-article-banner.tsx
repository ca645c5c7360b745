"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/lib/client/api";

type RestoreArticleBannerProps = { workspaceId: string; articleId: string };

/** "Article deleted · Undo" after a deletion; Undo restores the same article. */
export function RestoreArticleBanner({ workspaceId, articleId }: RestoreArticleBannerProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="alert alert-info row" role="status">
      <span>Article deleted.</span>
      <button
        type="button"
        className="link-button"
        onClick={async () => {
          try {
            await api(`/api/workspaces/${workspaceId}/articles/${articleId}/restore`, { method: "POST" });
            router.replace(pathname);
            router.refresh();
          } catch (err) {
            setError(err instanceof ApiError ? err.message : "Could not restore the article.");
          }
        }}
      >
        Undo
      </button>
      {error ? <span className="field-error">{error}</span> : null}
    </div>
  );
}
