"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/lib/client/api";

type SubmitAssignmentButtonProps = {
  workspaceId: string;
  assignmentId: string;
  articleTitle: string;
  blind: boolean;
  className?: string;
};

/** "Mark submitted", after a confirmation that says what it changes. */
export function SubmitAssignmentButton({
  workspaceId,
  assignmentId,
  articleTitle,
  blind,
  className = "button button-small",
}: SubmitAssignmentButtonProps) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className={className}
        disabled={busy}
        onClick={async () => {
          const question =
            `Submit your work on “${articleTitle}”? Only a reviewer or an owner can reopen it.` +
            (blind ? " You will then see everyone’s annotations on this article." : "");
          if (!window.confirm(question)) return;
          setBusy(true);
          setError(null);
          try {
            await api(`/api/workspaces/${workspaceId}/assignments/${assignmentId}/submit`, { method: "POST" });
            router.refresh();
          } catch (err) {
            setError(err instanceof ApiError ? err.message : "Could not submit. Try again.");
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? "Submitting…" : "Mark submitted"}
      </button>
      {error ? (
        <span className="field-error" role="alert">
          {" "}
          {error}
        </span>
      ) : null}
    </span>
  );
}
